"""Given names common in the countries Earshot's users serve, as one supporting signal for the name finder.

A name is never redacted *because* it is in this list; the list only tips cases the wording leaves open: a
lower-case word after a cue ("customer priya said"), a capitalised pair the model called an organisation
("Refund for Oluwaseun Adeyemi"), a pair at the start of a sentence the model missed. Written for Earshot from
general knowledge of naming traditions (English, Irish, Spanish and Portuguese, French, German, Dutch, Italian,
Nordic, Slavic, Greek, Turkish, Arabic, Persian, South Asian, East and South-East Asian, African); not taken from
any data set. Lower case; compared case-insensitively.
"""

from __future__ import annotations

_NAMES = """
aaron abby abigail adam adrian aidan aiden alan albert alex alexa alexander alexandra alexis alfie alice alicia
alison allison alyssa amanda amber amelia amy andrea andrew angela angelina anita ann anna anne annie anthony
april archie arthur ashley audrey austin ava barbara barry beatrice becky ben benjamin bernard beth bethany betty
beverly bill billy blake bob bobby bonnie brad bradley brandon brenda brendan brent brett brian bridget brittany
brooke bruce bryan caitlin callum calvin cameron camila carl carla carol caroline carolyn carrie casey catherine
cathy charles charlie charlotte chelsea cheryl chloe chris christian christina christine christopher cindy claire
clara colin connor craig crystal cynthia dale dan dana daniel danielle danny darren dave david dawn dean debbie
deborah debra denise dennis derek diana diane dominic donald donna doris dorothy douglas dylan eddie edward eileen
elaine eleanor elijah elizabeth ella ellie elliot emily emma eric erica erin ethan eugene eva evelyn evie faith
fiona florence frances frank freddie frederick freya gail gary gavin gemma george georgia gerald gina gladys
gloria gordon grace graham grant greg gregory hailey hannah harold harper harriet harry harvey hayley heather
helen henry holly howard ian imogen irene isaac isabel isabella isabelle isla ivy jack jackie jackson jacob jacqueline
jade jake james jamie jan jane janet janice jasmine jason jay jean jeff jeffrey jennifer jenny jeremy jerry jesse
jessica jill jim jimmy joan joanna joanne joe joel john johnny jon jonathan jordan joseph josh joshua joyce judith
judy julia julie justin karen kate katherine kathleen kathryn kathy katie kayla keith kelly ken kenneth kerry kevin
kim kimberly kirsty kyle laura lauren leah lee leo leon lewis liam lily linda lindsay lisa logan lois lorraine
louis louise lucas lucy luke lydia lynn madison maisie marcus margaret maria marie marilyn mark martha martin mary
mason matilda matt matthew megan melanie melissa michael michelle mike mildred millie mitchell molly morgan nancy
naomi natalie nathan neil nicholas nick nicola nicole noah norma oliver olivia oscar owen paige pamela patricia
patrick paul paula peggy penny peter phil philip phoebe phyllis poppy rachel ralph raymond rebecca reece rhys
richard rick rita rob robert robin rod roger ronald rory rose rosie ross roy ruby russell ruth ryan sally
samantha samuel sandra sara sarah scarlett scott sean shane shannon sharon shaun sheila shirley sian sienna simon
sophie sophia stacey stanley stephanie stephen steve steven stuart sue susan suzanne sylvia tammy tanya teresa
terry theo theodore theresa thomas tiffany tim timothy toby todd tom tommy tony tracey tracy trevor tyler valerie
vanessa vera vicky victor victoria vincent virginia walter wayne wendy william willow wyatt yvonne zachary zara
zoe zoey
aoife aisling ciara ciaran cormac declan deirdre eamon eimear eoin fionn grainne liadan niamh oisin orla padraig
roisin saoirse seamus sinead siobhan brigid caoimhe darragh donal eilis fergal malachy mairead neasa ronan tadhg
aled bronwen cerys dafydd eleri emrys gethin gwen huw ieuan rhiannon seren tegan
agustin alberto alejandra alejandro alfonso alicia alonso alvaro ana andres angel antonio beatriz blanca camilo
carlos carmen catalina cesar concepcion consuelo cristina diego dolores eduardo elena emilio enrique esperanza
esteban eva federico felipe fernanda fernando francisco gabriel gabriela gonzalo guadalupe guillermo gustavo hector
hugo ignacio ines isabel jaime javier jesus joaquin jorge jose josefa juan juana julio laura leticia lorena lucia
luis luisa manuel manuela marcela marco margarita mariana mario marisol marta martin mateo mercedes miguel
milagros nicolas pablo paloma patricia pedro pilar rafael ramon raquel raul ricardo roberto rocio rodrigo rosa
rosario santiago sergio silvia sofia teresa valentina veronica vicente ximena yolanda
adriana afonso antonia bruna caio conceicao daniela fabio fatima filipa goncalo graca helena joana joao leandro
leonor luana marcia mariana matheus rafaela renata rui sebastiao thiago vitoria
adele agathe alain amelie anais antoine aurelie baptiste benoit camille cecile celine chantal christophe claude
clement colette corinne damien delphine denis didier dominique elodie emile etienne fabien fabrice florian
francois francoise gaelle genevieve gilles guillaume helene herve isabelle jacques jean jeanne jerome josephine
julien laetitia laurent lea louise luc lucie manon marcel marguerite marie-claire mathieu mathilde maxime michel
monique nathalie nicolas noemie olivier pascal patrice philippe pierre raphael remi renee sandrine sebastien
severine simone solene stephane sylvie theo thierry valerie veronique vincent virginie xavier yann yves
andreas anja annika bernd birgit claudia dieter dirk elke erik felix florian frank franziska friedrich gerhard
gisela gunter hannes hans heike heinrich heinz helga helmut horst ingrid jan jens jonas jorg jurgen karin karl
katharina klaus kurt lars lena lukas manfred matthias maximilian monika niklas nina ole petra rainer ralf renate
sabine sebastian silke stefan susanne svenja thomas tobias torsten ulrich ulrike ursula uwe volker werner wolfgang
anouk bram daan dirk eline femke fenna floor geert hendrik henk jaap jan jasper jeroen joost kees koen lieke
lotte maarten marieke martijn mees niels pieter roel ruud sanne sem sjoerd thijs tim wouter willem
alessandra alessandro alessio andrea angelo anna antonio beatrice carlo chiara claudio cristiano davide elisa
emanuele enrico fabrizio federica filippo francesca franco gabriele giacomo gianluca gianni giorgia giorgio
giovanna giovanni giulia giuliana giulio giuseppe ilaria leonardo lorenzo luca lucia luigi marco maria massimo
matteo mattia michele nicola paola paolo pietro riccardo roberta roberto rosa salvatore sara serena silvia simone
stefania stefano tommaso valentina valerio vincenzo vittoria
agnes anders astrid birgitta bjorn britt dag einar elin emil erik eva freja frida gunnar gustav hakan hanna
helge henrik ingrid jonas karin kari kjell knut lars lasse linnea magnus mats mikael nils olav ole per ragnar
sigrid siv solveig stig sven tove ulf vidar
agnieszka aleksandra andrzej anna barbara bartosz dorota ewa grzegorz jakub jan joanna kamil katarzyna krzysztof
lukasz magdalena malgorzata marcin marek mariusz michal monika pawel piotr rafal stanislaw tomasz wojciech
zbigniew zofia
aleksandr aleksei alexei anastasia andrei anton boris dmitri dmitry ekaterina elena galina igor irina ivan
katya larisa lyudmila maxim mikhail natalia natasha nikolai oksana olga pavel sergei sergey svetlana tatiana
vadim valentina viktor vladimir yelena yuri yulia zhanna bogdan dragan goran ivana jelena marko milan milos
nikola petar stefan tomislav vesna zoran
alexandros anastasios christos dimitris eleni georgios ioanna katerina konstantinos maria nikos panagiotis
sofia spyros stavros vasilis yiannis
ahmet ali arda ayse aylin burak can cem deniz ebru elif emine emre esra fatma hakan hasan huseyin ibrahim irem
kemal mehmet merve mustafa murat ozan ozge selin serkan tugba yusuf zeynep
abdallah abdul abdullah abdulrahman adel ahmad ahmed aisha ali amal amina amir amira anas asma ayman aziz bilal
dalia fadi farah fares fatima fatimah hamza hana hanan hassan hatem hiba hisham hussein ibrahim imran jamal
jamila karim khadija khaled khalid laila layla leila mahmoud malik mariam maryam mohamed mohammad mohammed
mona mostafa mustafa nabil nadia nasser noor nour omar osama rami rana rania rashid reem saeed salma sami
samir sara tarek tariq walid yasmin yasmine youssef yusuf zainab zaid zayd
ali-reza arash azadeh babak bahar behnam darius dariush farhad farnaz fereshteh golnar hamid kaveh leyla mahsa
maryam mehdi mina nasrin navid neda parisa parviz reza roya sahar saman sanaz shirin soraya taraneh yasaman
aarav aditi aditya akash akshay amit amitabh anand ananya anil anita anjali ankit anushka arjun arun aryan asha
ashok bhavna chetan deepa deepak dev devi dinesh divya gaurav geeta girish gita harish harsh indira ishaan isha
jaya jyoti kabir kavita kiran krishna kumar lakshmi lalita madhu mahesh manish manoj meena meera mohan mukesh
nandini naveen neha nikhil nisha pooja prakash pranav prasad pratik preeti priya priyanka radha rahul raj raja
rajesh rajiv rakesh ramesh ravi rekha rohan rohit sachin sandeep sanjay sanjeev santosh sarita seema shalini
shanti sharmila shiva shreya shruti siddharth simran sneha sonia srinivas subhash sudha sujata suman sunil
sunita suresh swati tanvi uma usha varun vijay vikas vikram vinod vishal yash
arun karthik lakshmanan murugan priyanka ramesh saravanan senthil shanmugam subramanian tamilselvan vijay
venkat venkatesh lakshmi padma sridhar srinivasan anbu kavya divya meenakshi
abhishek amartya arnab debashis indrani mithun partha rituparna sourav subhasis sudipta tanmoy
gurpreet harpreet jaspreet manpreet navjot parminder rajinder simranjit sukhdeep
asif bilal faisal farhan fawad hina humaira imran irfan junaid kamran mehwish naveed rabia saima shahid shazia
sohail tahir usman waqar zubair ayesha nadeem
anwar farida habib kamal nasima rahim rafiq shafiq tahmina
bo chen cheng chun fang fei feng gang guang hao hong hua hui jian jiang jie jin jing jun kai lan lei li lian
liang lin ling liu long mei min ming na ning peng ping qiang qing rong shan shu tao ting wei wen xia xiang xiao
xin xiu xue yan yang yi ying yong yu yun zhen zhi zhong
akira akiko aya ayumi daisuke emi haruka haruto hiro hiroshi hiroko hitomi kaito kaori kazuki keiko kenji
kenta koji kumiko mai mari masako megumi miki misaki naoki naomi ren riku rin ryo ryota sakura satoshi shota
sora takashi takeshi taro tomoko yuki yuko yumi yuto yui
bora chae dae eun hye hyun ji jin joon jung kyung min seo seung soo sun sung woo yeon young
anh binh chau dung duc giang ha hai hanh hieu hoa hoang hung huong khanh lan linh long mai minh my nga ngoc
nhung phuong quang quynh son tam thanh thao thi thu thuy tien trang trung tuan tung van vy xuan yen
agus ayu budi dewi eko fitri indah joko putri rizki sari siti wahyu
andres arnel jericho jomar lorna marites maricel rhea rommel
adaeze adebayo adeola adewale ayodele babatunde bisi bolaji chidi chidinma chinedu chinonso chioma chukwuemeka
emeka funke funmilayo ifeoma ikechukwu kayode kemi ngozi nkechi obinna oluwaseun olumide seun tobi tunde uche
yetunde yemi abdullahi aminu bello hauwa ibrahim musa sani usman
abebe almaz dawit hana kebede meron tesfaye yohannes
akua ama kofi kojo kwabena kwame kwasi yaa esi
amani baraka imani jabari juma neema wanjiru wanjiku njeri otieno achieng kamau mwangi
sipho thabo thandiwe lindiwe nomvula themba zanele bongani
kai keanu leilani mana noa
aroha hemi manaia ngaio rangi tama wiremu
"""

GIVEN_NAMES: frozenset[str] = frozenset(_NAMES.split())

# Given names that are also everyday English (or support-desk) words: "customer said", "spoke with my manager",
# "ping failed", "min 30", "gang of issues". They count as names only when capitalised.
WORD_LIKE_NAMES: frozenset[str] = frozenset(
    """amber an april art august autumn bill bo crystal dawn faith felix gang grace ha hai holly hope ivy jade joy
    june kai lan lee li lily long mai mana mark may min my na ning noa penny ping poppy ren rin rose rosie ruby son
    sun tam tama tao van will willow yen yi summer chase hong jin ming wei lin tom jack frank pat sue""".split()
)

# Everyday lower-case words that follow a given name in notes ("john set up", "priya got", "maria paid"); a word
# here is never taken for a surname. Verbs in their common forms, plus frequent note nouns and adverbs.
COMMON_WORDS: frozenset[str] = frozenset(
    """accept accepted access accessed add added advise advised agree agreed allow allowed answer answered apply
    applied arrange arranged arrive arrived ask asked assume attach attached await awaited back be became become
    begin began believe believed book booked bought break broke bring brought buy call called came can cancel
    cancelled cannot change changed charge charged chase chased check checked choose chose claim claimed close
    closed collect collected come comes complain complained complete completed confirm confirmed contact contacted
    continue continued could cut decide decided decline declined deliver delivered deny denied did do does done
    dropped email emailed end ended expect expected explain explained fail failed feel felt fill filled find
    finds fixed follow followed forgot forget found gave get gets give given go goes going gone got had has have
    hear heard help helped hold holds hope hoped included insist insisted install installed is isnt keep kept knew
    know known leave left let lost made make may mean meant meet met might miss missed move moved must need
    needed needs noticed now offer offered open opened order ordered paid pay pays phone phoned pick picked place
    placed plan planned post posted prefer preferred provide provided put raise raised reach reached read receive
    received recommend refused register registered reject rejected remember remembered remove removed renew
    renewed reply replied report reported request requested requires return returned ring rang run said saw say
    says see seemed seems seen sees sell send sends sent set sets should show showed signed sold spoke started
    stated still stop stopped submit submitted suggest suggested switch switched take takes taken talk talked
    tell tells think thinks thought told took tried try tries turn turned understand understood upgrade upgraded
    use used visit visited wait waited want wanted wants was went were will wish wished won would wrote yet
    account address bill billing broadband card case complaint contract device email engineer fibre invoice line
    mobile modem number order package parcel payment phone plan refund router service sim ticket today tomorrow
    yesterday again also already always never often once twice very really just only still soon later""".split()
)
