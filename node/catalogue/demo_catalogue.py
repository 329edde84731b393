"""Synthetic demo catalogue for the nine seed municipalities: organisations, locations, services.

This is made-up demo content about services, never about people: the module holds no personal
data. The municipalities and public bodies carry their real names, but every address is
approximate, every phone number is a placeholder (zeros), every e-mail address and web site is on
example.org, and the services, hours and conditions are plausible inventions, not the bodies'
actual offer.

``DEMO_CATALOGUES[node_code]`` holds ``organizations``, ``locations`` and ``services``. Entries refer
to each other by ``key`` (unique in the whole module, ASCII kebab case) and only within their own
node. Every text is a map of language tag to text in each language of the node plus English
(MK nodes: mk, sq, en; BG nodes: bg, en; RS nodes: sr-Cyrl, sr-Latn, en); ``sr-Latn`` is the exact
Latin transliteration of ``sr-Cyrl``. Fields follow ``contracts.catalogue``: an organisation is an
``OrganizationV1``, a location a ``LocationV1`` and a service a ``ServiceV1_2`` once ids are given.
"""

from __future__ import annotations

from typing import Any

DEMO_CATALOGUES: dict[str, dict[str, list[dict[str, Any]]]] = {
    "MK-CAIR": {
        "organizations": [
            {
                "key": "cair-municipality",
                "organization_type": "municipality",
                "name": {
                    "mk": "Општина Чаир",
                    "sq": "Komuna e Çairit",
                    "en": "Municipality of Čair",
                },
                "description": {
                    "mk": (
                        "Општина во Скопскиот регион што ја води Платформата за социјална и економска "
                        "помош (СЕАП) заедно со Центарот за социјална работа, Агенцијата за вработување и "
                        "локалните невладини организации."
                    ),
                    "sq": (
                        "Komunë në rajonin e Shkupit që drejton Platformën për ndihmë sociale dhe "
                        "ekonomike (SEAP) së bashku me Qendrën për punë sociale, Agjencinë e Punësimit dhe "
                        "organizatat joqeveritare vendore."
                    ),
                    "en": (
                        "Municipality in the Skopje region that runs the Social and Economic Assistance "
                        "Platform (SEAP) together with the Centre for Social Work, the Employment Agency "
                        "and local NGOs."
                    ),
                },
                "email": "seap@cair.example.org",
                "website": "https://cair.example.org",
                "phone": "+389 2 000 0000",
                "address": {
                    "address_1": "ул. Виктор Иго бр. 1",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
            },
            {
                "key": "cair-social-work-centre",
                "organization_type": "social_work_centre",
                "name": {
                    "mk": "ЈУ Меѓуопштински центар за социјална работа – Скопје",
                    "sq": "IP Qendra ndërkomunale për punë sociale – Shkup",
                    "en": "Inter-municipal Centre for Social Work – Skopje",
                },
                "alternate_name": {
                    "mk": "ЦСР Скопје",
                    "sq": "QPS Shkup",
                    "en": "CSW Skopje",
                },
                "description": {
                    "mk": (
                        "Јавна установа што одлучува за правата од социјална заштита, како гарантираната "
                        "минимална помош, за жителите на Чаир и на другите скопски општини."
                    ),
                    "sq": (
                        "Institucion publik që vendos për të drejtat nga mbrojtja sociale, si ndihma "
                        "minimale e garantuar, për banorët e Çairit dhe të komunave të tjera të Shkupit."
                    ),
                    "en": (
                        "Public institution that decides on social-protection rights, such as guaranteed "
                        "minimum assistance, for residents of Čair and the other Skopje municipalities."
                    ),
                },
                "email": "info@csr-skopje.example.org",
                "website": "https://csr-skopje.example.org",
                "phone": "+389 2 000 0001",
                "address": {
                    "address_1": "ул. Мито Хаџивасилев Јасмин бб",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
            },
            {
                "key": "cair-employment-agency",
                "organization_type": "employment_agency",
                "name": {
                    "mk": "Агенција за вработување – Центар за вработување Скопје",
                    "sq": "Agjencia e Punësimit – Qendra e Punësimit Shkup",
                    "en": "Employment Service Agency – Skopje Employment Centre",
                },
                "alternate_name": {
                    "mk": "АВРМ",
                    "sq": "APRMV",
                    "en": "ESA",
                },
                "description": {
                    "mk": (
                        "Државна агенција каде што невработените лица се пријавуваат, добиваат советување "
                        "за кариера и се вклучуваат во активни мерки за вработување и обуки."
                    ),
                    "sq": (
                        "Agjenci shtetërore ku personat e papunë regjistrohen, marrin këshillim për "
                        "karrierë dhe përfshihen në masa aktive për punësim dhe trajnime."
                    ),
                    "en": (
                        "State agency where unemployed people register, get career counselling and join "
                        "active employment measures and trainings."
                    ),
                },
                "email": "info@avrm.example.org",
                "website": "https://avrm.example.org",
                "phone": "+389 2 000 0002",
                "address": {
                    "address_1": "ул. Васил Ѓоргов бб",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
            },
            {
                "key": "cair-seap-ngo-network",
                "organization_type": "ngo",
                "name": {
                    "mk": "Мрежа на локални невладини организации во СЕАП Чаир",
                    "sq": "Rrjeti i organizatave joqeveritare vendore në SEAP Çair",
                    "en": "SEAP Čair network of local NGOs",
                },
                "description": {
                    "mk": (
                        "Локални здруженија членки на СЕАП што ги водат мобилните тимови и даваат "
                        "социјални и економски насоки на терен, особено во ромската заедница."
                    ),
                    "sq": (
                        "Shoqata vendore anëtare të SEAP që drejtojnë ekipet mobile dhe japin udhëzime "
                        "sociale dhe ekonomike në terren, sidomos në komunitetin rom."
                    ),
                    "en": (
                        "Local associations in SEAP that run the mobile teams and give social and economic "
                        "guidance in the field, especially in the Roma community."
                    ),
                },
                "email": "mreza@seap-cair.example.org",
                "website": "",
                "phone": "+389 2 000 0003",
                "address": {
                    "address_1": "ул. Битпазарска бб",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
            },
        ],
        "locations": [
            {
                "key": "cair-town-hall",
                "organization": "cair-municipality",
                "name": {
                    "mk": "Општина Чаир – шалтер за граѓани",
                    "sq": "Komuna e Çairit – sporteli për qytetarë",
                    "en": "Čair Municipality – citizens' service desk",
                },
                "description": {
                    "mk": (
                        "Шалтер во зградата на општината каде што се пријавувате за СЕАП и добивате "
                        "информации за социјална помош."
                    ),
                    "sq": (
                        "Sportel në ndërtesën e komunës ku paraqiteni për SEAP dhe merrni informacione për "
                        "ndihmën sociale."
                    ),
                    "en": (
                        "Desk in the municipal building where you sign up for SEAP and get information "
                        "about social assistance."
                    ),
                },
                "address": {
                    "address_1": "ул. Виктор Иго бр. 1",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
                "latitude": 42.0035,
                "longitude": 21.444,
                "languages": ["mk", "sq"],
                "accessibility": {
                    "mk": "Рампа за инвалидска количка на главниот влез; шалтерот е во приземје.",
                    "sq": "Rampë për karrige me rrota në hyrjen kryesore; sporteli është në përdhese.",
                    "en": "Wheelchair ramp at the main entrance; the desk is on the ground floor.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "16:00",
                    },
                ],
            },
            {
                "key": "cair-seap-info-point",
                "organization": "cair-seap-ngo-network",
                "name": {
                    "mk": "Инфо-точка на СЕАП – Бит Пазар",
                    "sq": "Pika informative e SEAP – Bit Pazar",
                    "en": "SEAP info point – Bit Pazar",
                },
                "description": {
                    "mk": (
                        "Мала канцеларија во близина на пазарот каде што мобилните тимови примаат луѓе без "
                        "закажување, и во сабота."
                    ),
                    "sq": (
                        "Zyrë e vogël afër pazarit ku ekipet mobile pranojnë njerëz pa termin, edhe të "
                        "shtunën."
                    ),
                    "en": (
                        "Small office near the market where the mobile teams see people without an "
                        "appointment, on Saturdays too."
                    ),
                },
                "address": {
                    "address_1": "ул. Битпазарска бб",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
                "latitude": 42.0019,
                "longitude": 21.4417,
                "languages": ["mk", "sq"],
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "10:00",
                        "closes_at": "18:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "09:00",
                        "closes_at": "13:00",
                    },
                ],
            },
            {
                "key": "cair-csw-unit",
                "organization": "cair-social-work-centre",
                "name": {
                    "mk": "Центар за социјална работа Скопје – одделение за Чаир",
                    "sq": "Qendra për punë sociale Shkup – njësia për Çairin",
                    "en": "Centre for Social Work Skopje – Čair unit",
                },
                "description": {
                    "mk": (
                        "Одделението каде што жителите на Чаир поднесуваат барања за права од социјална "
                        "заштита."
                    ),
                    "sq": (
                        "Njësia ku banorët e Çairit paraqesin kërkesa për të drejtat nga mbrojtja sociale."
                    ),
                    "en": "The unit where Čair residents apply for social-protection rights.",
                },
                "address": {
                    "address_1": "бул. Крсте Мисирков бб",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
                "latitude": 41.9985,
                "longitude": 21.437,
                "languages": ["mk", "sq"],
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:30",
                        "closes_at": "15:30",
                    },
                ],
            },
        ],
        "services": [
            {
                "organization": "cair-municipality",
                "locations": ["cair-town-hall", "cair-seap-info-point"],
                "name": {
                    "mk": "Платформа за социјална и економска помош (СЕАП)",
                    "sq": "Platforma për ndihmë sociale dhe ekonomike (SEAP)",
                    "en": "Social and Economic Assistance Platform (SEAP)",
                },
                "description": {
                    "mk": (
                        "Една влезна точка што ги поврзува ранливите лица од Чаир со помошта на Општината, "
                        "Центарот за социјална работа, Агенцијата за вработување и невладините "
                        "организации. Советникот ја разгледува вашата состојба и ве упатува до вистинската "
                        "служба."
                    ),
                    "sq": (
                        "Një pikë e vetme hyrëse që i lidh personat në nevojë nga Çairi me ndihmën e "
                        "Komunës, Qendrës për punë sociale, Agjencisë së Punësimit dhe organizatave "
                        "joqeveritare. Këshilltari e shqyrton gjendjen tuaj dhe ju drejton te shërbimi i "
                        "duhur."
                    ),
                    "en": (
                        "A single entry point linking vulnerable people in Čair to help from the "
                        "municipality, the Centre for Social Work, the Employment Agency and NGOs. An "
                        "adviser looks at your situation and refers you to the right service."
                    ),
                },
                "status": "active",
                "target_groups": [
                    "roma",
                    "unemployed",
                    "disability",
                    "single_parent",
                    "social_assistance_recipient",
                ],
                "taxonomy_terms": ["referral", "counselling"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": (
                        "Дојдете на шалтерот во општината или во инфо-точката, или јавете се на линијата "
                        "за помош. Донесете лична карта ако ја имате."
                    ),
                    "sq": (
                        "Ejani në sportelin e komunës ose në pikën informative, ose telefononi linjën e "
                        "ndihmës. Sillni letërnjoftimin nëse e keni."
                    ),
                    "en": (
                        "Come to the desk at the municipality or the info point, or call the help line. "
                        "Bring an identity card if you have one."
                    ),
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": (
                        "Жители на Општина Чаир од ранливите групи: Роми, невработени, лица со "
                        "попреченост, самохрани родители, корисници на социјална помош."
                    ),
                    "sq": (
                        "Banorë të Komunës së Çairit nga grupet e cenueshme: romë, të papunë, persona me "
                        "aftësi të kufizuara, prindër të vetëm, përfitues të ndihmës sociale."
                    ),
                    "en": (
                        "Residents of Čair from vulnerable groups: Roma, unemployed people, people with "
                        "disabilities, single parents, recipients of social assistance."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "16:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "+389 2 000 0000",
                "email": "seap@cair.example.org",
                "url": "https://cair.example.org/seap",
            },
            {
                "organization": "cair-municipality",
                "locations": [],
                "name": {
                    "mk": "Линија за помош на СЕАП",
                    "sq": "Linja e ndihmës e SEAP",
                    "en": "SEAP help line",
                },
                "description": {
                    "mk": (
                        "Телефонска линија за упатување до социјална и економска помош. Операторите "
                        "зборуваат македонски и албански јазик."
                    ),
                    "sq": (
                        "Linjë telefonike për referim te ndihma sociale dhe ekonomike. Operatorët flasin "
                        "maqedonisht dhe shqip."
                    ),
                    "en": (
                        "A telephone line that refers callers to social and economic help. Operators speak "
                        "Macedonian and Albanian."
                    ),
                },
                "status": "active",
                "target_groups": ["elderly", "disability", "roma", "victim_of_violence"],
                "taxonomy_terms": ["referral", "counselling"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": "Јавете се на бројот на линијата; не е потребна регистрација.",
                    "sq": "Telefononi numrin e linjës; nuk nevojitet regjistrim.",
                    "en": "Call the line's number; no registration needed.",
                },
                "fees_description": {
                    "mk": "Бесплатен повик.",
                    "sq": "Thirrje falas.",
                    "en": "Free call.",
                },
                "eligibility_description": {
                    "mk": (
                        "Секој жител на Чаир, вклучително роднини и соседи што бараат помош за некој друг."
                    ),
                    "sq": (
                        "Çdo banor i Çairit, përfshirë të afërmit dhe fqinjët që kërkojnë ndihmë për dikë "
                        "tjetër."
                    ),
                    "en": (
                        "Anyone living in Čair, including relatives and neighbours asking for help for "
                        "someone else."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "20:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "09:00",
                        "closes_at": "14:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "+389 2 000 0010",
                "email": "",
                "url": "",
            },
            {
                "organization": "cair-seap-ngo-network",
                "locations": ["cair-seap-info-point"],
                "name": {
                    "mk": "Мобилни тимови на СЕАП",
                    "sq": "Ekipet mobile të SEAP",
                    "en": "SEAP mobile teams",
                },
                "description": {
                    "mk": (
                        "Социјални работници и волонтери ги посетуваат домовите на лицата што не можат да "
                        "дојдат во општината и им даваат социјални и економски насоки на терен."
                    ),
                    "sq": (
                        "Punonjës socialë dhe vullnetarë vizitojnë shtëpitë e personave që nuk mund të "
                        "vijnë në komunë dhe u japin udhëzime sociale dhe ekonomike në terren."
                    ),
                    "en": (
                        "Social workers and volunteers visit the homes of people who cannot come to the "
                        "municipality and give social and economic guidance on the spot."
                    ),
                },
                "status": "active",
                "target_groups": ["elderly", "disability", "roma", "children_at_risk"],
                "taxonomy_terms": ["counselling", "referral"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": (
                        "Побарајте посета преку линијата за помош или во инфо-точката; тимот ве посетува "
                        "во рок од една недела."
                    ),
                    "sq": (
                        "Kërkoni vizitë përmes linjës së ndihmës ose në pikën informative; ekipi ju "
                        "viziton brenda një jave."
                    ),
                    "en": (
                        "Ask for a visit through the help line or at the info point; the team visits "
                        "within a week."
                    ),
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": (
                        "Стари лица, лица со попреченост и семејства во Чаир што тешко излегуваат од дома."
                    ),
                    "sq": (
                        "Të moshuar, persona me aftësi të kufizuara dhe familje në Çair që e kanë të "
                        "vështirë të dalin nga shtëpia."
                    ),
                    "en": (
                        "Elderly people, people with disabilities and families in Čair who find it hard to "
                        "leave home."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["TU", "TH"],
                        "opens_at": "10:00",
                        "closes_at": "18:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "09:00",
                        "closes_at": "13:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "+389 2 000 0010",
                "email": "",
                "url": "",
            },
            {
                "organization": "cair-social-work-centre",
                "locations": ["cair-csw-unit"],
                "name": {
                    "mk": "Гарантирана минимална помош (социјална парична помош)",
                    "sq": "Ndihma minimale e garantuar (ndihmë sociale në para)",
                    "en": "Guaranteed minimum assistance (social financial assistance)",
                },
                "description": {
                    "mk": (
                        "Месечна парична помош за домаќинства без доволно приходи, што ја одобрува "
                        "Центарот за социјална работа."
                    ),
                    "sq": (
                        "Ndihmë mujore në para për familjet pa të ardhura të mjaftueshme, që e miraton "
                        "Qendra për punë sociale."
                    ),
                    "en": (
                        "Monthly cash assistance for households without enough income, granted by the "
                        "Centre for Social Work."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "unemployed", "single_parent"],
                "taxonomy_terms": ["financial_assistance"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": (
                        "Поднесете барање во одделението за Чаир со личните карти на членовите на "
                        "домаќинството и докази за приходите и имотот."
                    ),
                    "sq": (
                        "Paraqitni kërkesë në njësinë për Çairin me letërnjoftimet e anëtarëve të familjes "
                        "dhe dëshmi për të ardhurat dhe pasurinë."
                    ),
                    "en": (
                        "Apply at the Čair unit with the household members' identity cards and proof of "
                        "income and property."
                    ),
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": (
                        "Домаќинства чии приходи се под износот утврден со Законот за социјална заштита; "
                        "работоспособните членови треба да бидат пријавени во Агенцијата за вработување."
                    ),
                    "sq": (
                        "Familje të ardhurat e të cilave janë nën shumën e caktuar me Ligjin për mbrojtjen "
                        "sociale; anëtarët e aftë për punë duhet të jenë të regjistruar në Agjencinë e "
                        "Punësimit."
                    ),
                    "en": (
                        "Households whose income is below the amount set by the Law on Social Protection; "
                        "members able to work must be registered with the Employment Agency."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:30",
                        "closes_at": "15:30",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "cair-employment-agency",
                "locations": [],
                "name": {
                    "mk": "Пријавување и активни мерки за вработување",
                    "sq": "Regjistrimi dhe masat aktive për punësim",
                    "en": "Registration and active employment measures",
                },
                "description": {
                    "mk": (
                        "Пријавување како невработено лице, советување за кариера и вклучување во обуки и "
                        "субвенционирано вработување од Оперативниот план за вработување."
                    ),
                    "sq": (
                        "Regjistrim si person i papunë, këshillim për karrierë dhe përfshirje në trajnime "
                        "dhe punësim të subvencionuar nga Plani operativ për punësim."
                    ),
                    "en": (
                        "Registering as unemployed, career counselling and places on trainings and "
                        "subsidised jobs under the Operational Plan for employment."
                    ),
                },
                "status": "active",
                "target_groups": ["unemployed", "long_term_unemployed", "neet", "roma", "women"],
                "taxonomy_terms": ["employment", "training"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": (
                        "Дојдете лично во Центарот за вработување Скопје со лична карта; корисниците на "
                        "СЕАП можат да дојдат со упат од платформата."
                    ),
                    "sq": (
                        "Ejani personalisht në Qendrën e Punësimit Shkup me letërnjoftim; përdoruesit e "
                        "SEAP mund të vijnë me udhëzim nga platforma."
                    ),
                    "en": (
                        "Come in person to the Skopje Employment Centre with an identity card; SEAP users "
                        "can come with a referral from the platform."
                    ),
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": "Невработени лица над 15 години што живеат во Скопје.",
                    "sq": "Persona të papunë mbi 15 vjeç që jetojnë në Shkup.",
                    "en": "Unemployed people aged 15 and over living in Skopje.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "16:00",
                    },
                ],
                "minimum_age": 15,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "cair-seap-ngo-network",
                "locations": ["cair-seap-info-point"],
                "name": {
                    "mk": "Помош за лични документи и пријава на живеалиште",
                    "sq": "Ndihmë për dokumente personale dhe regjistrim të vendbanimit",
                    "en": "Help with personal documents and residence registration",
                },
                "description": {
                    "mk": (
                        "Мобилните тимови им помагаат на лицата без извод од матична книга, лична карта "
                        "или пријавено живеалиште да ги обезбедат, бидејќи без нив не можат да остварат "
                        "социјални права."
                    ),
                    "sq": (
                        "Ekipet mobile ndihmojnë personat pa certifikatë lindjeje, letërnjoftim ose "
                        "vendbanim të regjistruar t'i sigurojnë ato, sepse pa to nuk mund të realizojnë të "
                        "drejta sociale."
                    ),
                    "en": (
                        "The mobile teams help people without a birth certificate, identity card or "
                        "registered address to obtain them, since without them they cannot claim social "
                        "rights."
                    ),
                },
                "status": "active",
                "target_groups": ["roma", "homeless", "children_at_risk"],
                "taxonomy_terms": ["documents", "legal_aid"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": "Закажете термин во инфо-точката или преку линијата за помош.",
                    "sq": "Caktoni një termin në pikën informative ose përmes linjës së ndihmës.",
                    "en": "Book a time at the info point or through the help line.",
                },
                "fees_description": {
                    "mk": (
                        "Услугата е бесплатна; административните такси за документите ги плаќа лицето, "
                        "освен ако е ослободено од нив."
                    ),
                    "sq": (
                        "Shërbimi është falas; taksat administrative për dokumentet i paguan personi, "
                        "përveç nëse është i liruar prej tyre."
                    ),
                    "en": (
                        "The service is free; the person pays the administrative fees for documents unless "
                        "exempt."
                    ),
                },
                "eligibility_description": {
                    "mk": "Лица од Чаир без лични документи, особено од ромската заедница.",
                    "sq": "Persona nga Çairi pa dokumente personale, sidomos nga komuniteti rom.",
                    "en": "People in Čair without personal documents, especially from the Roma community.",
                },
                "schedules": [
                    {
                        "byday": ["WE"],
                        "opens_at": "10:00",
                        "closes_at": "18:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "09:00",
                        "closes_at": "13:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
        ],
    },
    "MK-BUTEL": {
        "organizations": [
            {
                "key": "butel-municipality",
                "organization_type": "municipality",
                "name": {
                    "mk": "Општина Бутел",
                    "sq": "Komuna e Butelit",
                    "en": "Municipality of Butel",
                },
                "description": {
                    "mk": (
                        "Скопска општина што, заедно со Центарот за социјална работа, води регистар на "
                        "лица под социјален ризик и обезбедува интервентна помош."
                    ),
                    "sq": (
                        "Komunë e Shkupit që, së bashku me Qendrën për punë sociale, mban regjistrin e "
                        "personave në rrezik social dhe siguron ndihmë emergjente."
                    ),
                    "en": (
                        "Skopje municipality that, with the Centre for Social Work, keeps a register of "
                        "people at social risk and provides emergency help."
                    ),
                },
                "email": "socijalna@butel.example.org",
                "website": "https://butel.example.org",
                "phone": "+389 2 000 0100",
                "address": {
                    "address_1": "ул. Петар Ацев бр. 2",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
            },
            {
                "key": "butel-social-work-centre",
                "organization_type": "social_work_centre",
                "name": {
                    "mk": "ЈУ Меѓуопштински центар за социјална работа – Скопје",
                    "sq": "IP Qendra ndërkomunale për punë sociale – Shkup",
                    "en": "Inter-municipal Centre for Social Work – Skopje",
                },
                "alternate_name": {
                    "mk": "ЦСР Скопје",
                    "sq": "QPS Shkup",
                    "en": "CSW Skopje",
                },
                "description": {
                    "mk": (
                        "Јавна установа што одлучува за правата од социјална заштита, како гарантираната "
                        "минимална помош, за жителите на Бутел и на другите скопски општини."
                    ),
                    "sq": (
                        "Institucion publik që vendos për të drejtat nga mbrojtja sociale, si ndihma "
                        "minimale e garantuar, për banorët e Butelit dhe të komunave të tjera të Shkupit."
                    ),
                    "en": (
                        "Public institution that decides on social-protection rights, such as guaranteed "
                        "minimum assistance, for residents of Butel and the other Skopje municipalities."
                    ),
                },
                "email": "info@csr-skopje.example.org",
                "website": "https://csr-skopje.example.org",
                "phone": "+389 2 000 0001",
                "address": {
                    "address_1": "ул. Мито Хаџивасилев Јасмин бб",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
            },
            {
                "key": "butel-employment-agency",
                "organization_type": "employment_agency",
                "name": {
                    "mk": "Агенција за вработување – Центар за вработување Скопје",
                    "sq": "Agjencia e Punësimit – Qendra e Punësimit Shkup",
                    "en": "Employment Service Agency – Skopje Employment Centre",
                },
                "alternate_name": {
                    "mk": "АВРМ",
                    "sq": "APRMV",
                    "en": "ESA",
                },
                "description": {
                    "mk": (
                        "Државна агенција каде што невработените лица се пријавуваат, добиваат советување "
                        "за кариера и се вклучуваат во активни мерки за вработување и обуки."
                    ),
                    "sq": (
                        "Agjenci shtetërore ku personat e papunë regjistrohen, marrin këshillim për "
                        "karrierë dhe përfshihen në masa aktive për punësim dhe trajnime."
                    ),
                    "en": (
                        "State agency where unemployed people register, get career counselling and join "
                        "active employment measures and trainings."
                    ),
                },
                "email": "info@avrm.example.org",
                "website": "https://avrm.example.org",
                "phone": "+389 2 000 0002",
                "address": {
                    "address_1": "ул. Васил Ѓоргов бб",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
            },
            {
                "key": "butel-counselling-ngo",
                "organization_type": "ngo",
                "name": {
                    "mk": "Граѓанско здружение за советување и поддршка – Бутел",
                    "sq": "Shoqata qytetare për këshillim dhe mbështetje – Butel",
                    "en": "Civic association for counselling and support – Butel",
                },
                "description": {
                    "mk": (
                        "Здружение што прави теренски посети, советува лица под социјален ризик и ги "
                        "упатува до Центарот за социјална работа и до Агенцијата за вработување, во Бутел "
                        "и Чучер-Сандево."
                    ),
                    "sq": (
                        "Shoqatë që bën vizita në terren, këshillon personat në rrezik social dhe i "
                        "drejton te Qendra për punë sociale dhe Agjencia e Punësimit, në Butel dhe "
                        "Çuçer-Sandevë."
                    ),
                    "en": (
                        "Association that makes field visits, counsels people at social risk and refers "
                        "them to the Centre for Social Work and the Employment Agency, in Butel and "
                        "Čučer-Sandevo."
                    ),
                },
                "email": "sovetuvaliste@butel-ngo.example.org",
                "website": "",
                "phone": "+389 2 000 0110",
                "address": {
                    "address_1": "ул. Радишанска бб",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
            },
        ],
        "locations": [
            {
                "key": "butel-town-hall",
                "organization": "butel-municipality",
                "name": {
                    "mk": "Општина Бутел – сектор за социјална заштита",
                    "sq": "Komuna e Butelit – sektori për mbrojtje sociale",
                    "en": "Butel Municipality – social protection department",
                },
                "description": {
                    "mk": (
                        "Канцеларии во зградата на општината каде што се примаат барања за интервентна помош."
                    ),
                    "sq": "Zyra në ndërtesën e komunës ku pranohen kërkesat për ndihmë emergjente.",
                    "en": "Offices in the municipal building that take requests for emergency help.",
                },
                "address": {
                    "address_1": "ул. Петар Ацев бр. 2",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
                "latitude": 42.034,
                "longitude": 21.446,
                "languages": ["mk", "sq"],
                "accessibility": {
                    "mk": "Лифт до првиот кат.",
                    "sq": "Ashensor deri në katin e parë.",
                    "en": "Lift to the first floor.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "16:00",
                    },
                ],
            },
            {
                "key": "butel-counselling-office",
                "organization": "butel-counselling-ngo",
                "name": {
                    "mk": "Советувалиште Бутел",
                    "sq": "Këshillimorja Butel",
                    "en": "Butel counselling office",
                },
                "description": {
                    "mk": (
                        "Простории на здружението за индивидуални советувања, со посебна соба за разговор "
                        "насамо."
                    ),
                    "sq": (
                        "Ambientet e shoqatës për këshillime individuale, me dhomë të veçantë për bisedë "
                        "në katër sy."
                    ),
                    "en": (
                        "The association's rooms for individual counselling, with a separate room for "
                        "private conversations."
                    ),
                },
                "address": {
                    "address_1": "ул. Радишанска бб",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
                "latitude": 42.058,
                "longitude": 21.449,
                "languages": ["mk", "sq"],
                "schedules": [
                    {
                        "byday": ["MO", "WE"],
                        "opens_at": "12:00",
                        "closes_at": "19:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "10:00",
                        "closes_at": "14:00",
                    },
                ],
            },
        ],
        "services": [
            {
                "organization": "butel-counselling-ngo",
                "locations": ["butel-counselling-office"],
                "name": {
                    "mk": "Теренски посети и регистар на лица под социјален ризик",
                    "sq": "Vizita në terren dhe regjistri i personave në rrezik social",
                    "en": "Field visits and register of people at social risk",
                },
                "description": {
                    "mk": (
                        "Во соработка со ЦСР Скопје, тимот ги посетува семејствата на терен, ја утврдува "
                        "фактичката состојба и, со согласност на лицето, го бележи типот на социјален "
                        "ризик."
                    ),
                    "sq": (
                        "Në bashkëpunim me QPS Shkup, ekipi viziton familjet në terren, verifikon gjendjen "
                        "faktike dhe, me pëlqimin e personit, shënon llojin e rrezikut social."
                    ),
                    "en": (
                        "Working with CSW Skopje, the team visits families at home, checks their actual "
                        "situation and, with the person's consent, records the type of social risk."
                    ),
                },
                "status": "active",
                "target_groups": [
                    "social_assistance_recipient",
                    "unemployed",
                    "elderly",
                    "single_parent",
                    "roma",
                ],
                "taxonomy_terms": ["referral"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": (
                        "Пријавете се сами или кажете ни за сосед преку општината или советувалиштето; "
                        "тимот закажува посета."
                    ),
                    "sq": (
                        "Paraqituni vetë ose na tregoni për një fqinj përmes komunës ose këshillimores; "
                        "ekipi cakton vizitën."
                    ),
                    "en": (
                        "Sign up yourself or tell us about a neighbour through the municipality or the "
                        "counselling office; the team arranges a visit."
                    ),
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": (
                        "Лица и семејства од Општина Бутел што се под социјален ризик или имаат потреба од "
                        "помош за надминување на егзистенцијална криза."
                    ),
                    "sq": (
                        "Persona dhe familje nga Komuna e Butelit që janë në rrezik social ose kanë nevojë "
                        "për ndihmë për të kapërcyer një krizë ekzistenciale."
                    ),
                    "en": (
                        "People and families in Butel who are at social risk or need help to get through a "
                        "crisis in meeting basic needs."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "09:00",
                        "closes_at": "17:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "butel-counselling-ngo",
                "locations": ["butel-counselling-office"],
                "name": {
                    "mk": "Советување за лица под социјален ризик (три сесии)",
                    "sq": "Këshillim për persona në rrezik social (tri seanca)",
                    "en": "Counselling for people at social risk (three sessions)",
                },
                "description": {
                    "mk": (
                        "Три советувања со семеен и системски советник и социјален работник, со "
                        "психосоцијална поддршка и заеднички план за излез од состојбата."
                    ),
                    "sq": (
                        "Tri seanca me një këshilltar familjar dhe sistemik dhe një punonjës social, me "
                        "mbështetje psikosociale dhe një plan të përbashkët për daljen nga gjendja."
                    ),
                    "en": (
                        "Three sessions with a family and systemic counsellor and a social worker, with "
                        "psycho-social support and a shared plan for getting out of the situation."
                    ),
                },
                "status": "active",
                "target_groups": [
                    "social_assistance_recipient",
                    "single_parent",
                    "unemployed",
                    "victim_of_violence",
                ],
                "taxonomy_terms": ["counselling"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": "Закажете прва сесија во советувалиштето или по теренската посета.",
                    "sq": "Caktoni seancën e parë në këshillimore ose pas vizitës në terren.",
                    "en": "Book the first session at the counselling office or after the field visit.",
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": "Лица внесени во регистарот на лица под социјален ризик во Бутел.",
                    "sq": "Persona të regjistruar në regjistrin e personave në rrezik social në Butel.",
                    "en": "People entered in the Butel register of people at social risk.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "WE"],
                        "opens_at": "12:00",
                        "closes_at": "19:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "10:00",
                        "closes_at": "14:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "butel-municipality",
                "locations": ["butel-town-hall", "butel-counselling-office"],
                "name": {
                    "mk": "Упатување и посредување за права од социјална заштита",
                    "sq": "Referim dhe ndërmjetësim për të drejtat nga mbrojtja sociale",
                    "en": "Referral and mediation for social-protection rights",
                },
                "description": {
                    "mk": (
                        "Информации за законските промени, правата и општествените сервиси и помош при "
                        "поднесување барања до Центарот за социјална работа."
                    ),
                    "sq": (
                        "Informacione për ndryshimet ligjore, të drejtat dhe shërbimet shoqërore dhe "
                        "ndihmë për paraqitjen e kërkesave te Qendra për punë sociale."
                    ),
                    "en": (
                        "Information on changes in the law, rights and public services, and help with "
                        "applications to the Centre for Social Work."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "disability", "elderly", "single_parent"],
                "taxonomy_terms": ["referral", "legal_aid"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": "Побарајте го на советувањето или на шалтерот во општината.",
                    "sq": "Kërkojeni gjatë këshillimit ose në sportelin e komunës.",
                    "en": "Ask for it during counselling or at the municipal desk.",
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": "Жители на Бутел под социјален ризик.",
                    "sq": "Banorë të Butelit në rrezik social.",
                    "en": "Butel residents at social risk.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "16:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "butel-municipality",
                "locations": ["butel-town-hall"],
                "name": {
                    "mk": "Интервентна помош – пакети храна и хигиена",
                    "sq": "Ndihmë emergjente – pako ushqimore dhe higjienike",
                    "en": "Emergency help – food and hygiene packages",
                },
                "description": {
                    "mk": (
                        "Пакети со храна и средства за хигиена од донации, за семејства во висок социјален "
                        "ризик."
                    ),
                    "sq": (
                        "Pako me ushqime dhe mjete higjiene nga donacionet, për familje në rrezik të lartë "
                        "social."
                    ),
                    "en": "Donated food and hygiene packages for families at high social risk.",
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "children_at_risk", "elderly"],
                "taxonomy_terms": ["food"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": "Пакетот се доделува по теренска посета и се подига во општината во четврток.",
                    "sq": "Pakoja ndahet pas vizitës në terren dhe merret në komunë të enjten.",
                    "en": (
                        "Packages are allocated after a field visit and collected at the municipality on "
                        "Thursdays."
                    ),
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": (
                        "Семејства од регистарот со висок социјален ризик, со предност за семејства со деца."
                    ),
                    "sq": (
                        "Familje nga regjistri me rrezik të lartë social, me përparësi për familjet me "
                        "fëmijë."
                    ),
                    "en": (
                        "Families in the register at high social risk, with priority for families with "
                        "children."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["TH"],
                        "opens_at": "10:00",
                        "closes_at": "14:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "butel-employment-agency",
                "locations": [],
                "name": {
                    "mk": "Алтернативи за вработување во соработка со АВРМ",
                    "sq": "Alternativa për punësim në bashkëpunim me APRMV",
                    "en": "Job options with the Employment Service Agency",
                },
                "description": {
                    "mk": (
                        "Упатување до Агенцијата за вработување, помош при пријавување и информации за "
                        "обуки и мерки за вработување."
                    ),
                    "sq": (
                        "Referim te Agjencia e Punësimit, ndihmë për regjistrim dhe informacione për "
                        "trajnime dhe masa për punësim."
                    ),
                    "en": (
                        "Referral to the Employment Agency, help with registering and information on "
                        "trainings and employment measures."
                    ),
                },
                "status": "active",
                "target_groups": ["unemployed", "long_term_unemployed", "neet"],
                "taxonomy_terms": ["employment", "referral"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": "Со упатот од советникот дојдете во Центарот за вработување Скопје.",
                    "sq": "Me udhëzimin nga këshilltari ejani në Qendrën e Punësimit Shkup.",
                    "en": "Bring the counsellor's referral to the Skopje Employment Centre.",
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": (
                        "Невработени лица од Бутел, вклучително млади што не работат, не учат и не се на "
                        "обука."
                    ),
                    "sq": (
                        "Persona të papunë nga Buteli, përfshirë të rinj që nuk punojnë, nuk mësojnë dhe "
                        "nuk janë në trajnim."
                    ),
                    "en": (
                        "Unemployed people in Butel, including young people not in work, education or "
                        "training."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "16:00",
                    },
                ],
                "minimum_age": 15,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "butel-social-work-centre",
                "locations": [],
                "name": {
                    "mk": "Еднократна парична помош",
                    "sq": "Ndihmë e njëhershme në para",
                    "en": "One-off financial assistance",
                },
                "description": {
                    "mk": (
                        "Еднократна помош од Центарот за социјална работа за лице или семејство што се "
                        "нашло во тешка состојба, на пример по пожар, болест или смрт во семејството."
                    ),
                    "sq": (
                        "Ndihmë e njëhershme nga Qendra për punë sociale për një person ose familje në "
                        "gjendje të vështirë, për shembull pas një zjarri, sëmundjeje ose vdekjeje në "
                        "familje."
                    ),
                    "en": (
                        "A one-off payment from the Centre for Social Work to a person or family in sudden "
                        "hardship, for example after a fire, illness or death in the family."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "single_parent", "disability"],
                "taxonomy_terms": ["financial_assistance"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": "Поднесете барање во Центарот за социјална работа со докази за настанот.",
                    "sq": "Paraqitni kërkesë në Qendrën për punë sociale me dëshmi për ngjarjen.",
                    "en": "Apply to the Centre for Social Work with proof of what happened.",
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": (
                        "Жители на Бутел во ненадејна социјална потреба, според Законот за социјална заштита."
                    ),
                    "sq": (
                        "Banorë të Butelit me nevojë sociale të papritur, sipas Ligjit për mbrojtjen sociale."
                    ),
                    "en": "Butel residents in sudden social need, under the Law on Social Protection.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:30",
                        "closes_at": "15:30",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
        ],
    },
    "MK-CUCER": {
        "organizations": [
            {
                "key": "cucer-municipality",
                "organization_type": "municipality",
                "name": {
                    "mk": "Општина Чучер-Сандево",
                    "sq": "Komuna e Çuçer-Sandevës",
                    "en": "Municipality of Čučer-Sandevo",
                },
                "description": {
                    "mk": (
                        "Рурална општина северно од Скопје што води свој регистар на лица под социјален "
                        "ризик, одделно од Бутел, и организира помош и нега во домот за старите лица."
                    ),
                    "sq": (
                        "Komunë rurale në veri të Shkupit që mban regjistrin e vet të personave në rrezik "
                        "social, veçmas nga Buteli, dhe organizon ndihmë dhe kujdes në shtëpi për të "
                        "moshuarit."
                    ),
                    "en": (
                        "Rural municipality north of Skopje that keeps its own register of people at "
                        "social risk, separate from Butel's, and organises care at home for elderly "
                        "people."
                    ),
                },
                "email": "socijalna@cucer-sandevo.example.org",
                "website": "https://cucer-sandevo.example.org",
                "phone": "+389 2 000 0200",
                "address": {
                    "address_1": "с. Чучер-Сандево бб",
                    "city": "Чучер-Сандево",
                    "postal_code": "1011",
                    "country": "MK",
                },
            },
            {
                "key": "cucer-social-work-centre",
                "organization_type": "social_work_centre",
                "name": {
                    "mk": "ЈУ Меѓуопштински центар за социјална работа – Скопје",
                    "sq": "IP Qendra ndërkomunale për punë sociale – Shkup",
                    "en": "Inter-municipal Centre for Social Work – Skopje",
                },
                "alternate_name": {
                    "mk": "ЦСР Скопје",
                    "sq": "QPS Shkup",
                    "en": "CSW Skopje",
                },
                "description": {
                    "mk": (
                        "Јавна установа што одлучува за правата од социјална заштита, како гарантираната "
                        "минимална помош, за жителите на Чучер-Сандево и на другите скопски општини."
                    ),
                    "sq": (
                        "Institucion publik që vendos për të drejtat nga mbrojtja sociale, si ndihma "
                        "minimale e garantuar, për banorët e Çuçer-Sandevës dhe të komunave të tjera të "
                        "Shkupit."
                    ),
                    "en": (
                        "Public institution that decides on social-protection rights, such as guaranteed "
                        "minimum assistance, for residents of Čučer-Sandevo and the other Skopje "
                        "municipalities."
                    ),
                },
                "email": "info@csr-skopje.example.org",
                "website": "https://csr-skopje.example.org",
                "phone": "+389 2 000 0001",
                "address": {
                    "address_1": "ул. Мито Хаџивасилев Јасмин бб",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
            },
            {
                "key": "cucer-employment-agency",
                "organization_type": "employment_agency",
                "name": {
                    "mk": "Агенција за вработување – Центар за вработување Скопје",
                    "sq": "Agjencia e Punësimit – Qendra e Punësimit Shkup",
                    "en": "Employment Service Agency – Skopje Employment Centre",
                },
                "alternate_name": {
                    "mk": "АВРМ",
                    "sq": "APRMV",
                    "en": "ESA",
                },
                "description": {
                    "mk": (
                        "Државна агенција каде што невработените лица се пријавуваат, добиваат советување "
                        "за кариера и се вклучуваат во активни мерки за вработување и обуки."
                    ),
                    "sq": (
                        "Agjenci shtetërore ku personat e papunë regjistrohen, marrin këshillim për "
                        "karrierë dhe përfshihen në masa aktive për punësim dhe trajnime."
                    ),
                    "en": (
                        "State agency where unemployed people register, get career counselling and join "
                        "active employment measures and trainings."
                    ),
                },
                "email": "info@avrm.example.org",
                "website": "https://avrm.example.org",
                "phone": "+389 2 000 0002",
                "address": {
                    "address_1": "ул. Васил Ѓоргов бб",
                    "city": "Скопје",
                    "postal_code": "1000",
                    "country": "MK",
                },
            },
        ],
        "locations": [
            {
                "key": "cucer-town-hall",
                "organization": "cucer-municipality",
                "name": {
                    "mk": "Општина Чучер-Сандево – зграда на општината",
                    "sq": "Komuna e Çuçer-Sandevës – ndërtesa e komunës",
                    "en": "Čučer-Sandevo municipal building",
                },
                "description": {
                    "mk": (
                        "Седиштето на општината, каде што се примаат барања за помош во домот и за упис во "
                        "регистарот."
                    ),
                    "sq": (
                        "Selia e komunës, ku pranohen kërkesat për kujdes në shtëpi dhe për regjistrim në "
                        "regjistër."
                    ),
                    "en": (
                        "The municipal seat, where requests for care at home and for entry in the register "
                        "are taken."
                    ),
                },
                "address": {
                    "address_1": "с. Чучер-Сандево бб",
                    "city": "Чучер-Сандево",
                    "postal_code": "1011",
                    "country": "MK",
                },
                "latitude": 42.099,
                "longitude": 21.386,
                "languages": ["mk", "sq"],
                "accessibility": {
                    "mk": "Паркинг места за лица со попреченост пред влезот.",
                    "sq": "Vende parkimi për personat me aftësi të kufizuara para hyrjes.",
                    "en": "Disabled parking spaces in front of the entrance.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "16:00",
                    },
                ],
            },
            {
                "key": "cucer-banjane-office",
                "organization": "cucer-municipality",
                "name": {
                    "mk": "Месна канцеларија Бањане",
                    "sq": "Zyra lokale Banjanë",
                    "en": "Banjane local office",
                },
                "description": {
                    "mk": (
                        "Канцеларија во селото каде што мобилниот тим прима луѓе од северните села двапати "
                        "неделно."
                    ),
                    "sq": "Zyrë në fshat ku ekipi mobil pret njerëz nga fshatrat veriore dy herë në javë.",
                    "en": (
                        "Village office where the mobile team sees people from the northern villages twice "
                        "a week."
                    ),
                },
                "address": {
                    "address_1": "с. Бањане бб",
                    "city": "Бањане",
                    "postal_code": "1011",
                    "country": "MK",
                },
                "latitude": 42.119,
                "longitude": 21.375,
                "languages": ["mk", "sq"],
                "schedules": [
                    {
                        "byday": ["TU", "FR"],
                        "opens_at": "09:00",
                        "closes_at": "13:00",
                    },
                ],
            },
        ],
        "services": [
            {
                "organization": "cucer-municipality",
                "locations": ["cucer-town-hall", "cucer-banjane-office"],
                "name": {
                    "mk": "Регистар на лица под социјален ризик – Чучер-Сандево",
                    "sq": "Regjistri i personave në rrezik social – Çuçer-Sandevë",
                    "en": "Register of people at social risk – Čučer-Sandevo",
                },
                "description": {
                    "mk": (
                        "Теренски посети низ селата на општината и евиденција на типот на социјален ризик, "
                        "водена одделно од Бутел за точна статистика по општина."
                    ),
                    "sq": (
                        "Vizita në terren nëpër fshatrat e komunës dhe evidencë e llojit të rrezikut "
                        "social, e mbajtur veçmas nga Buteli për statistika të sakta sipas komunës."
                    ),
                    "en": (
                        "Field visits across the municipality's villages and a record of the type of "
                        "social risk, kept apart from Butel's so each municipality has accurate "
                        "statistics."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "elderly", "unemployed", "disability"],
                "taxonomy_terms": ["referral"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": "Пријавете се во општината, во месната канцеларија Бањане или кај мобилниот тим.",
                    "sq": "Paraqituni në komunë, në zyrën lokale Banjanë ose te ekipi mobil.",
                    "en": "Sign up at the municipality, the Banjane local office or with the mobile team.",
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": "Жители на Чучер-Сандево; податоците се внесуваат само со согласност на лицето.",
                    "sq": "Banorë të Çuçer-Sandevës; të dhënat regjistrohen vetëm me pëlqimin e personit.",
                    "en": (
                        "Residents of Čučer-Sandevo; details are recorded only with the person's consent."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "16:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "cucer-municipality",
                "locations": ["cucer-banjane-office"],
                "name": {
                    "mk": "Индивидуално советување и психосоцијална поддршка",
                    "sq": "Këshillim individual dhe mbështetje psikosociale",
                    "en": "Individual counselling and psycho-social support",
                },
                "description": {
                    "mk": (
                        "Разговори со социјален работник за лицата под ризик и нивните семејства, со "
                        "упатување до Центарот за социјална работа кога е потребно."
                    ),
                    "sq": (
                        "Biseda me një punonjës social për personat në rrezik dhe familjet e tyre, me "
                        "referim te Qendra për punë sociale kur nevojitet."
                    ),
                    "en": (
                        "Talks with a social worker for people at risk and their families, with referral "
                        "to the Centre for Social Work when needed."
                    ),
                },
                "status": "active",
                "target_groups": [
                    "social_assistance_recipient",
                    "single_parent",
                    "victim_of_violence",
                    "children_at_risk",
                ],
                "taxonomy_terms": ["counselling", "referral"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": "Закажете термин по телефон или во месната канцеларија.",
                    "sq": "Caktoni një termin me telefon ose në zyrën lokale.",
                    "en": "Book by phone or at the local office.",
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": "Лица од регистарот на лица под социјален ризик.",
                    "sq": "Persona nga regjistri i personave në rrezik social.",
                    "en": "People in the register of people at social risk.",
                },
                "schedules": [
                    {
                        "byday": ["TU", "FR"],
                        "opens_at": "09:00",
                        "closes_at": "13:00",
                    },
                    {
                        "byday": ["WE"],
                        "opens_at": "15:00",
                        "closes_at": "19:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "+389 2 000 0210",
                "email": "",
                "url": "",
            },
            {
                "organization": "cucer-municipality",
                "locations": [],
                "name": {
                    "mk": "Помош и нега во домот за стари лица",
                    "sq": "Ndihmë dhe kujdes në shtëpi për të moshuarit",
                    "en": "Help and care at home for elderly people",
                },
                "description": {
                    "mk": (
                        "Негувателки ги посетуваат старите лица што живеат сами: помош со хигиената, "
                        "набавките, лековите и придружба до лекар."
                    ),
                    "sq": (
                        "Kujdestaret vizitojnë të moshuarit që jetojnë vetëm: ndihmë me higjienën, "
                        "blerjet, ilaçet dhe shoqërim te mjeku."
                    ),
                    "en": (
                        "Carers visit elderly people who live alone: help with washing, shopping, "
                        "medicines and going to the doctor."
                    ),
                },
                "status": "active",
                "target_groups": ["elderly", "disability"],
                "taxonomy_terms": ["home_care"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": (
                        "Барањето го поднесува лицето или член на семејството во општината; социјален "
                        "работник ја проценува потребата."
                    ),
                    "sq": (
                        "Kërkesën e paraqet personi ose një anëtar i familjes në komunë; një punonjës "
                        "social e vlerëson nevojën."
                    ),
                    "en": (
                        "The person or a family member applies at the municipality; a social worker "
                        "assesses the need."
                    ),
                },
                "fees_description": {
                    "mk": (
                        "Бесплатно за корисници на гарантирана минимална помош; другите плаќаат мал "
                        "месечен придонес според приходите."
                    ),
                    "sq": (
                        "Falas për përfituesit e ndihmës minimale të garantuar; të tjerët paguajnë një "
                        "kontribut të vogël mujor sipas të ardhurave."
                    ),
                    "en": (
                        "Free for recipients of guaranteed minimum assistance; others pay a small monthly "
                        "contribution based on income."
                    ),
                },
                "eligibility_description": {
                    "mk": "Лица над 65 години што живеат сами и не можат целосно да се грижат за себе.",
                    "sq": (
                        "Persona mbi 65 vjeç që jetojnë vetëm dhe nuk mund të kujdesen plotësisht për veten."
                    ),
                    "en": "People over 65 who live alone and cannot fully look after themselves.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:00",
                        "closes_at": "15:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "08:00",
                        "closes_at": "12:00",
                    },
                ],
                "minimum_age": 65,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "cucer-social-work-centre",
                "locations": ["cucer-town-hall"],
                "name": {
                    "mk": "Информации за права и законски промени",
                    "sq": "Informacione për të drejtat dhe ndryshimet ligjore",
                    "en": "Information on rights and changes in the law",
                },
                "description": {
                    "mk": (
                        "Советник од Центарот за социјална работа ги објаснува правата од социјална "
                        "заштита, здравственото осигурување и детскиот додаток и помага при пополнување "
                        "барања."
                    ),
                    "sq": (
                        "Një këshilltar nga Qendra për punë sociale shpjegon të drejtat nga mbrojtja "
                        "sociale, sigurimi shëndetësor dhe shtesa për fëmijë dhe ndihmon në plotësimin e "
                        "kërkesave."
                    ),
                    "en": (
                        "An adviser from the Centre for Social Work explains rights to social protection, "
                        "health insurance and child allowance, and helps fill in applications."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "single_parent", "elderly", "disability"],
                "taxonomy_terms": ["legal_aid", "referral"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": "Советникот прима во општината секој понеделник и среда, без закажување.",
                    "sq": "Këshilltari pret në komunë çdo të hënë dhe të mërkurë, pa termin.",
                    "en": (
                        "The adviser sees people at the municipality every Monday and Wednesday; no "
                        "appointment needed."
                    ),
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": "Сите жители на Чучер-Сандево.",
                    "sq": "Të gjithë banorët e Çuçer-Sandevës.",
                    "en": "Everyone living in Čučer-Sandevo.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "WE"],
                        "opens_at": "09:00",
                        "closes_at": "15:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "cucer-employment-agency",
                "locations": [],
                "name": {
                    "mk": "Упатување до Агенцијата за вработување",
                    "sq": "Referim te Agjencia e Punësimit",
                    "en": "Referral to the Employment Agency",
                },
                "description": {
                    "mk": (
                        "Помош при пријавување како невработено лице и информации за сезонска работа, "
                        "обуки и самовработување во земјоделството."
                    ),
                    "sq": (
                        "Ndihmë për regjistrim si person i papunë dhe informacione për punë sezonale, "
                        "trajnime dhe vetëpunësim në bujqësi."
                    ),
                    "en": (
                        "Help registering as unemployed and information on seasonal work, trainings and "
                        "self-employment in farming."
                    ),
                },
                "status": "active",
                "target_groups": ["unemployed", "long_term_unemployed", "neet", "women"],
                "taxonomy_terms": ["employment", "referral"],
                "languages": ["mk", "sq"],
                "application_process": {
                    "mk": (
                        "Советникот ве упатува со писмен упат; пријавувањето е лично во Центарот за "
                        "вработување Скопје."
                    ),
                    "sq": (
                        "Këshilltari ju drejton me udhëzim me shkrim; regjistrimi bëhet personalisht në "
                        "Qendrën e Punësimit Shkup."
                    ),
                    "en": (
                        "The adviser gives you a written referral; you register in person at the Skopje "
                        "Employment Centre."
                    ),
                },
                "fees_description": {
                    "mk": "Бесплатно.",
                    "sq": "Falas.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "mk": "Невработени лица од Чучер-Сандево над 15 години.",
                    "sq": "Persona të papunë nga Çuçer-Sandeva mbi 15 vjeç.",
                    "en": "Unemployed people in Čučer-Sandevo aged 15 and over.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "16:00",
                    },
                ],
                "minimum_age": 15,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
        ],
    },
    "BG-STRELCHA": {
        "organizations": [
            {
                "key": "strelcha-municipality",
                "organization_type": "municipality",
                "name": {
                    "bg": "Община Стрелча",
                    "en": "Municipality of Strelcha",
                },
                "description": {
                    "bg": (
                        "Община в област Пазарджик, която пилотира интеграционен модел за социално "
                        "изключени роми чрез Консултативен социално-здравен център и обучения за заетост."
                    ),
                    "en": (
                        "Municipality in Pazardzhik province piloting an integration model for socially "
                        "excluded Roma through a consultative social-health centre and employment "
                        "trainings."
                    ),
                },
                "email": "obshtina@strelcha.example.org",
                "website": "https://strelcha.example.org",
                "phone": "+359 3532 00 000",
                "address": {
                    "address_1": "ул. „Хан Крум“ № 1",
                    "city": "Стрелча",
                    "postal_code": "4530",
                    "country": "BG",
                },
            },
            {
                "key": "strelcha-social-assistance-directorate",
                "organization_type": "social_work_centre",
                "name": {
                    "bg": "Дирекция „Социално подпомагане“ – Панагюрище",
                    "en": "Social Assistance Directorate – Panagyurishte",
                },
                "alternate_name": {
                    "bg": "ДСП Панагюрище",
                    "en": "SAD Panagyurishte",
                },
                "description": {
                    "bg": (
                        "Териториалното звено на Агенцията за социално подпомагане, което обслужва и "
                        "жителите на община Стрелча: социални помощи, закрила на детето и насочване към "
                        "социални услуги."
                    ),
                    "en": (
                        "The local unit of the Social Assistance Agency that also serves residents of "
                        "Strelcha: social assistance, child protection and referral to social services."
                    ),
                },
                "email": "dsp-panagyurishte@asp.example.org",
                "website": "https://asp.example.org",
                "phone": "+359 357 00 000",
                "address": {
                    "address_1": "ул. „Оборище“ № 1",
                    "city": "Панагюрище",
                    "postal_code": "4500",
                    "country": "BG",
                },
            },
            {
                "key": "strelcha-labour-office",
                "organization_type": "employment_agency",
                "name": {
                    "bg": "Дирекция „Бюро по труда“ – Панагюрище",
                    "en": "Labour Office Directorate – Panagyurishte",
                },
                "alternate_name": {
                    "bg": "ДБТ Панагюрище",
                    "en": "LOD Panagyurishte",
                },
                "description": {
                    "bg": (
                        "Поделение на Агенцията по заетостта, в което безработните от Стрелча се "
                        "регистрират и получават посредничество за работа и обучения."
                    ),
                    "en": (
                        "Branch of the Employment Agency where unemployed people from Strelcha register "
                        "and get job matching and trainings."
                    ),
                },
                "email": "dbt-panagyurishte@az.example.org",
                "website": "https://az.example.org",
                "phone": "+359 357 00 010",
                "address": {
                    "address_1": "ул. „Райна Княгиня“ № 1",
                    "city": "Панагюрище",
                    "postal_code": "4500",
                    "country": "BG",
                },
            },
            {
                "key": "strelcha-local-action-group",
                "organization_type": "ngo",
                "name": {
                    "bg": "Сдружение „Местна инициативна група Панагюрище, Стрелча, Лесичово“",
                    "en": "Panagyurishte, Strelcha, Lesichovo Local Action Group",
                },
                "alternate_name": {
                    "bg": "МИГ Панагюрище, Стрелча, Лесичово",
                    "en": "LAG Panagyurishte, Strelcha, Lesichovo",
                },
                "description": {
                    "bg": (
                        "Сдружение за водено от общностите местно развитие, което подкрепя "
                        "социално-икономическата интеграция на маргинализирани общности като ромите в "
                        "трите общини."
                    ),
                    "en": (
                        "Association for community-led local development that supports the social and "
                        "economic integration of marginalised communities such as the Roma in the three "
                        "municipalities."
                    ),
                },
                "email": "mig@psl.example.org",
                "website": "https://psl.example.org",
                "phone": "+359 357 00 020",
                "address": {
                    "address_1": "ул. „Хан Крум“ № 1",
                    "city": "Стрелча",
                    "postal_code": "4530",
                    "country": "BG",
                },
            },
        ],
        "locations": [
            {
                "key": "strelcha-town-hall",
                "organization": "strelcha-municipality",
                "name": {
                    "bg": "Община Стрелча – информационен център",
                    "en": "Strelcha Municipality – information centre",
                },
                "description": {
                    "bg": "Гише в сградата на общината за заявления за социални услуги и обучения.",
                    "en": (
                        "Desk in the municipal building for applications for social services and trainings."
                    ),
                },
                "address": {
                    "address_1": "ул. „Хан Крум“ № 1",
                    "city": "Стрелча",
                    "postal_code": "4530",
                    "country": "BG",
                },
                "latitude": 42.499,
                "longitude": 24.321,
                "languages": ["bg"],
                "accessibility": {
                    "bg": "Достъпен вход без стъпала откъм главната улица и тоалетна за хора с увреждания.",
                    "en": "Step-free entrance from the main street and an accessible toilet.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "17:00",
                    },
                ],
            },
            {
                "key": "strelcha-social-health-centre",
                "organization": "strelcha-municipality",
                "name": {
                    "bg": "Консултативен социално-здравен център – Стрелча",
                    "en": "Strelcha consultative social-health centre",
                },
                "description": {
                    "bg": (
                        "Център, в който социален работник, здравен медиатор и медицинска сестра "
                        "консултират по социални и здравни въпроси."
                    ),
                    "en": (
                        "Centre where a social worker, a health mediator and a nurse give advice on social "
                        "and health matters."
                    ),
                },
                "address": {
                    "address_1": "ул. „Васил Левски“ № 1",
                    "city": "Стрелча",
                    "postal_code": "4530",
                    "country": "BG",
                },
                "latitude": 42.4975,
                "longitude": 24.319,
                "languages": ["bg"],
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:30",
                        "closes_at": "17:00",
                    },
                    {
                        "byday": ["TH"],
                        "opens_at": "17:00",
                        "closes_at": "19:00",
                    },
                ],
            },
        ],
        "services": [
            {
                "organization": "strelcha-municipality",
                "locations": ["strelcha-social-health-centre"],
                "name": {
                    "bg": "Консултативен социално-здравен център",
                    "en": "Consultative social-health centre",
                },
                "description": {
                    "bg": (
                        "Иновативна социална услуга в общността: консултации по социални и здравни "
                        "въпроси, помощ за избор на личен лекар и здравно осигуряване и насочване към "
                        "социални услуги."
                    ),
                    "en": (
                        "An innovative community social service: advice on social and health matters, help "
                        "choosing a GP and getting health insurance, and referral to social services."
                    ),
                },
                "status": "active",
                "target_groups": ["roma", "social_assistance_recipient", "children_at_risk", "elderly"],
                "taxonomy_terms": ["counselling", "health", "referral"],
                "languages": ["bg"],
                "application_process": {
                    "bg": "Елате в центъра без предварително записване или се обадете по телефона.",
                    "en": "Drop in at the centre or call ahead.",
                },
                "fees_description": {
                    "bg": "Безплатно.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "bg": (
                        "Социално изключени хора и семейства от община Стрелча, предимно от ромската общност."
                    ),
                    "en": (
                        "Socially excluded people and families in Strelcha, mainly from the Roma community."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:30",
                        "closes_at": "17:00",
                    },
                    {
                        "byday": ["TH"],
                        "opens_at": "17:00",
                        "closes_at": "19:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "+359 3532 00 010",
                "email": "",
                "url": "",
            },
            {
                "organization": "strelcha-municipality",
                "locations": ["strelcha-town-hall"],
                "name": {
                    "bg": "Мотивиране за активно поведение на пазара на труда",
                    "en": "Motivation for active job seeking",
                },
                "description": {
                    "bg": (
                        "Групови мотивационни обучения и индивидуални срещи, които помагат на хората да "
                        "търсят активно работа и да се регистрират в Дирекция „Бюро по труда“."
                    ),
                    "en": (
                        "Group motivation sessions and one-to-one meetings that help people look for work "
                        "actively and register with the Labour Office."
                    ),
                },
                "status": "active",
                "target_groups": ["roma", "unemployed", "long_term_unemployed", "women"],
                "taxonomy_terms": ["training", "employment"],
                "languages": ["bg"],
                "application_process": {
                    "bg": "Запишете се в информационния център на общината.",
                    "en": "Sign up at the municipal information centre.",
                },
                "fees_description": {
                    "bg": "Безплатно.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "bg": "Безработни и неактивни лица в трудоспособна възраст от община Стрелча.",
                    "en": "Unemployed and inactive people of working age in Strelcha.",
                },
                "schedules": [
                    {
                        "byday": ["TU", "TH"],
                        "opens_at": "14:00",
                        "closes_at": "18:00",
                    },
                ],
                "minimum_age": 16,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "strelcha-municipality",
                "locations": ["strelcha-town-hall"],
                "name": {
                    "bg": "Обучения за професионална квалификация и ключови компетентности",
                    "en": "Vocational qualification and key competence trainings",
                },
                "description": {
                    "bg": (
                        "Курсове за придобиване или повишаване на професионална квалификация и обучения по "
                        "ключови компетентности, с насочване към училище за желаещите да продължат "
                        "образованието си."
                    ),
                    "en": (
                        "Courses to gain or raise a vocational qualification and key-competence trainings, "
                        "with referral to school for those who want to continue their education."
                    ),
                },
                "status": "active",
                "target_groups": ["roma", "unemployed", "neet", "women"],
                "taxonomy_terms": ["training", "education"],
                "languages": ["bg"],
                "application_process": {
                    "bg": "Кандидатствайте в общината; обучението се избира след консултация.",
                    "en": "Apply at the municipality; the course is chosen after a consultation.",
                },
                "fees_description": {
                    "bg": "Безплатно за участниците.",
                    "en": "Free for participants.",
                },
                "eligibility_description": {
                    "bg": (
                        "Лица над 16 години от целевата група, с предимство за роми без завършено "
                        "образование."
                    ),
                    "en": (
                        "People aged 16 and over from the target group, with priority for Roma who have "
                        "not finished school."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "WE"],
                        "opens_at": "09:00",
                        "closes_at": "13:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "09:00",
                        "closes_at": "13:00",
                    },
                ],
                "minimum_age": 16,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "strelcha-labour-office",
                "locations": [],
                "name": {
                    "bg": "Регистрация и посредничество за работа",
                    "en": "Registration and job matching",
                },
                "description": {
                    "bg": (
                        "Регистрация като безработно лице, посредничество за работа, връзки с работодатели "
                        "и включване в програми за заетост."
                    ),
                    "en": (
                        "Registering as unemployed, job matching, contacts with employers and places on "
                        "employment programmes."
                    ),
                },
                "status": "active",
                "target_groups": ["unemployed", "long_term_unemployed", "roma", "neet"],
                "taxonomy_terms": ["employment", "referral"],
                "languages": ["bg"],
                "application_process": {
                    "bg": "Елате лично с лична карта и документ за завършено образование.",
                    "en": "Come in person with an identity card and proof of education.",
                },
                "fees_description": {
                    "bg": "Безплатно.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "bg": (
                        "Безработни лица с постоянен или настоящ адрес в обслужваните общини, включително "
                        "Стрелча."
                    ),
                    "en": (
                        "Unemployed people with a permanent or current address in the municipalities "
                        "served, including Strelcha."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:30",
                        "closes_at": "17:00",
                    },
                ],
                "minimum_age": 16,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "strelcha-social-assistance-directorate",
                "locations": [],
                "name": {
                    "bg": "Месечни социални помощи",
                    "en": "Monthly social assistance",
                },
                "description": {
                    "bg": (
                        "Месечна социална помощ по Закона за социалното подпомагане за лица и семейства, "
                        "чийто доход е под диференцирания минимален доход."
                    ),
                    "en": (
                        "Monthly social assistance under the Social Assistance Act for people and families "
                        "whose income is below the differentiated minimum income."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "unemployed", "single_parent", "disability"],
                "taxonomy_terms": ["financial_assistance"],
                "languages": ["bg"],
                "application_process": {
                    "bg": (
                        "Подайте заявление-декларация в Дирекция „Социално подпомагане“ с документи за "
                        "доходите и имуществото."
                    ),
                    "en": (
                        "Submit an application and declaration to the Social Assistance Directorate with "
                        "documents on income and property."
                    ),
                },
                "fees_description": {
                    "bg": "Безплатно.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "bg": (
                        "Лица и семейства с доход под установения минимум, които отговарят на условията на "
                        "закона."
                    ),
                    "en": (
                        "People and families with income below the set minimum who meet the conditions of "
                        "the law."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "09:00",
                        "closes_at": "17:30",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "strelcha-local-action-group",
                "locations": ["strelcha-town-hall"],
                "name": {
                    "bg": "Инициативна група и обществени събития за ромска интеграция",
                    "en": "Initiative group and public events on Roma integration",
                },
                "description": {
                    "bg": (
                        "Подкрепа за местна инициативна група от ромската общност и публични събития по "
                        "горещи теми, които повишават гражданската активност."
                    ),
                    "en": (
                        "Support for a local Roma initiative group and public events on pressing issues "
                        "that strengthen civic participation."
                    ),
                },
                "status": "active",
                "target_groups": ["roma", "women", "neet"],
                "taxonomy_terms": ["education", "referral"],
                "languages": ["bg"],
                "application_process": {
                    "bg": "Свържете се със сдружението или елате на следващото събитие.",
                    "en": "Contact the association or come to the next event.",
                },
                "fees_description": {
                    "bg": "Безплатно.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "bg": "Всички жители на Стрелча, най-вече от ромската общност.",
                    "en": "Everyone in Strelcha, especially from the Roma community.",
                },
                "schedules": [
                    {
                        "byday": ["FR"],
                        "opens_at": "17:00",
                        "closes_at": "20:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
        ],
    },
    "BG-PLOVDIV": {
        "organizations": [
            {
                "key": "plovdiv-municipality",
                "organization_type": "municipality",
                "name": {
                    "bg": "Община Пловдив",
                    "en": "Municipality of Plovdiv",
                },
                "description": {
                    "bg": (
                        "Втората по големина община в България, която създаде Център за социални иновации "
                        "– „едно гише“ за младежи, които не учат и не работят."
                    ),
                    "en": (
                        "Bulgaria's second-largest municipality, which set up a Centre for Social "
                        "Innovation: a one-stop shop for young people not in education, employment or "
                        "training."
                    ),
                },
                "email": "socialni@plovdiv.example.org",
                "website": "https://plovdiv.example.org",
                "phone": "+359 32 000 000",
                "address": {
                    "address_1": "пл. „Стефан Стамболов“ № 1",
                    "city": "Пловдив",
                    "postal_code": "4000",
                    "country": "BG",
                },
            },
            {
                "key": "plovdiv-social-assistance-directorate",
                "organization_type": "social_work_centre",
                "name": {
                    "bg": "Дирекция „Социално подпомагане“ – Пловдив",
                    "en": "Social Assistance Directorate – Plovdiv",
                },
                "alternate_name": {
                    "bg": "ДСП Пловдив",
                    "en": "SAD Plovdiv",
                },
                "description": {
                    "bg": (
                        "Териториалното звено на Агенцията за социално подпомагане в Пловдив: социални и "
                        "целеви помощи, закрила на детето и насочване към социални услуги."
                    ),
                    "en": (
                        "The Social Assistance Agency's local unit in Plovdiv: social and targeted "
                        "assistance, child protection and referral to social services."
                    ),
                },
                "email": "dsp-plovdiv@asp.example.org",
                "website": "https://asp.example.org",
                "phone": "+359 32 000 010",
                "address": {
                    "address_1": "ул. „Иван Вазов“ № 1",
                    "city": "Пловдив",
                    "postal_code": "4000",
                    "country": "BG",
                },
            },
            {
                "key": "plovdiv-labour-office",
                "organization_type": "employment_agency",
                "name": {
                    "bg": "Дирекция „Бюро по труда“ – Пловдив",
                    "en": "Labour Office Directorate – Plovdiv",
                },
                "alternate_name": {
                    "bg": "ДБТ Пловдив",
                    "en": "LOD Plovdiv",
                },
                "description": {
                    "bg": (
                        "Поделение на Агенцията по заетостта за регистрация на безработни, професионално "
                        "ориентиране и посредничество за работа, включително по програми за младежи."
                    ),
                    "en": (
                        "Employment Agency branch for registering unemployed people, career guidance and "
                        "job matching, including youth programmes."
                    ),
                },
                "email": "dbt-plovdiv@az.example.org",
                "website": "https://az.example.org",
                "phone": "+359 32 000 020",
                "address": {
                    "address_1": "бул. „Христо Ботев“ № 1",
                    "city": "Пловдив",
                    "postal_code": "4000",
                    "country": "BG",
                },
            },
        ],
        "locations": [
            {
                "key": "plovdiv-social-innovation-centre",
                "organization": "plovdiv-municipality",
                "name": {
                    "bg": "Център за социални иновации",
                    "en": "Centre for Social Innovation",
                },
                "description": {
                    "bg": (
                        "Място на „едно гише“, където младежите се срещат със социален работник, кариерен "
                        "консултант и психолог."
                    ),
                    "en": (
                        "A one-stop shop where young people meet a social worker, a career adviser and a "
                        "psychologist."
                    ),
                },
                "address": {
                    "address_1": "ул. „Райко Даскалов“ № 1",
                    "city": "Пловдив",
                    "postal_code": "4000",
                    "country": "BG",
                },
                "latitude": 42.147,
                "longitude": 24.748,
                "languages": ["bg", "en"],
                "accessibility": {
                    "bg": "Партерен етаж, достъпен за инвалидни колички.",
                    "en": "Ground floor, wheelchair accessible.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "09:00",
                        "closes_at": "18:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "10:00",
                        "closes_at": "14:00",
                    },
                ],
            },
            {
                "key": "plovdiv-town-hall",
                "organization": "plovdiv-municipality",
                "name": {
                    "bg": "Община Пловдив – Център за административно обслужване",
                    "en": "Plovdiv Municipality – administrative service centre",
                },
                "description": {
                    "bg": (
                        "Гише за заявления за социални услуги на общината, като домашен социален патронаж."
                    ),
                    "en": (
                        "Desk for applications for municipal social services such as home social patronage."
                    ),
                },
                "address": {
                    "address_1": "пл. „Стефан Стамболов“ № 1",
                    "city": "Пловдив",
                    "postal_code": "4000",
                    "country": "BG",
                },
                "latitude": 42.1445,
                "longitude": 24.749,
                "languages": ["bg"],
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:30",
                        "closes_at": "17:30",
                    },
                ],
            },
        ],
        "services": [
            {
                "organization": "plovdiv-municipality",
                "locations": ["plovdiv-social-innovation-centre"],
                "name": {
                    "bg": "Център за социални иновации – „едно гише“ за младежи",
                    "en": "Centre for Social Innovation – one-stop shop for young people",
                },
                "description": {
                    "bg": (
                        "Комплекс от услуги на едно място за младежи от 15 до 29 години, които не учат и "
                        "не работят: социални, образователни и трудови консултации, съобразени с личния "
                        "профил на всеки."
                    ),
                    "en": (
                        "Services in one place for young people aged 15 to 29 not in education, employment "
                        "or training: social, educational and career advice fitted to each person's "
                        "profile."
                    ),
                },
                "status": "active",
                "target_groups": ["neet", "unemployed", "roma"],
                "taxonomy_terms": ["referral", "counselling", "employment"],
                "languages": ["bg", "en"],
                "application_process": {
                    "bg": "Елате в центъра или ни пишете; първата среща се насрочва до една седмица.",
                    "en": "Come to the centre or write to us; the first meeting is set within a week.",
                },
                "fees_description": {
                    "bg": "Безплатно.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "bg": (
                        "Младежи от 15 до 29 години с адрес в община Пловдив, които не работят, не учат и "
                        "не са в обучение."
                    ),
                    "en": (
                        "Young people aged 15 to 29 living in Plovdiv who are not working, studying or in "
                        "training."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "09:00",
                        "closes_at": "18:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "10:00",
                        "closes_at": "14:00",
                    },
                ],
                "minimum_age": 15,
                "maximum_age": 29,
                "phone": "+359 32 000 030",
                "email": "csi@plovdiv.example.org",
                "url": "",
            },
            {
                "organization": "plovdiv-municipality",
                "locations": ["plovdiv-social-innovation-centre"],
                "name": {
                    "bg": "Индивидуален профил и план за подкрепа",
                    "en": "Personal profile and support plan",
                },
                "description": {
                    "bg": (
                        "Консултантът оценява социалния контекст, рисковите фактори и нагласите на младежа "
                        "и заедно съставят план за обучение или заетост."
                    ),
                    "en": (
                        "An adviser looks at the young person's social situation, risk factors and wishes, "
                        "and together they draw up a plan for training or work."
                    ),
                },
                "status": "active",
                "target_groups": ["neet"],
                "taxonomy_terms": ["counselling"],
                "languages": ["bg", "en"],
                "application_process": {
                    "bg": "Планът се изготвя на втората среща в Центъра за социални иновации.",
                    "en": "The plan is made at the second meeting at the Centre for Social Innovation.",
                },
                "fees_description": {
                    "bg": "Безплатно.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "bg": "Младежи, записани в Центъра за социални иновации.",
                    "en": "Young people registered with the Centre for Social Innovation.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "09:00",
                        "closes_at": "18:00",
                    },
                ],
                "minimum_age": 15,
                "maximum_age": 29,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "plovdiv-municipality",
                "locations": ["plovdiv-social-innovation-centre"],
                "name": {
                    "bg": "Консултации за връщане в образованието и обучение",
                    "en": "Advice on returning to education and training",
                },
                "description": {
                    "bg": (
                        "Помощ за записване във вечерно или задочно обучение, курсове за професионална "
                        "квалификация и програми за ограмотяване."
                    ),
                    "en": (
                        "Help enrolling in evening or distance schooling, vocational courses and literacy "
                        "programmes."
                    ),
                },
                "status": "active",
                "target_groups": ["neet", "roma"],
                "taxonomy_terms": ["education", "training"],
                "languages": ["bg"],
                "application_process": {
                    "bg": "Попитайте своя консултант в центъра.",
                    "en": "Ask your adviser at the centre.",
                },
                "fees_description": {
                    "bg": (
                        "Консултациите са безплатни; някои курсове са платени, но повечето се финансират "
                        "от програми."
                    ),
                    "en": "Advice is free; some courses charge fees, but most are funded by programmes.",
                },
                "eligibility_description": {
                    "bg": "Младежи от 15 до 29 години без завършено средно образование или квалификация.",
                    "en": (
                        "Young people aged 15 to 29 without a secondary school certificate or qualification."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["TU", "TH"],
                        "opens_at": "15:00",
                        "closes_at": "19:00",
                    },
                ],
                "minimum_age": 15,
                "maximum_age": 29,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "plovdiv-labour-office",
                "locations": [],
                "name": {
                    "bg": "Посредничество за работа за младежи",
                    "en": "Job matching for young people",
                },
                "description": {
                    "bg": (
                        "Регистрация в бюрото по труда, професионално ориентиране и включване в програми "
                        "за заетост и стажове за младежи."
                    ),
                    "en": (
                        "Registering with the Labour Office, career guidance and places on youth "
                        "employment and traineeship programmes."
                    ),
                },
                "status": "active",
                "target_groups": ["neet", "unemployed"],
                "taxonomy_terms": ["employment", "referral"],
                "languages": ["bg"],
                "application_process": {
                    "bg": (
                        "Регистрирайте се лично с лична карта; служител от Центъра за социални иновации "
                        "може да ви придружи."
                    ),
                    "en": (
                        "Register in person with an identity card; staff from the Centre for Social "
                        "Innovation can go with you."
                    ),
                },
                "fees_description": {
                    "bg": "Безплатно.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "bg": "Безработни младежи до 29 години с адрес в Пловдив.",
                    "en": "Unemployed young people up to 29 living in Plovdiv.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:30",
                        "closes_at": "17:00",
                    },
                ],
                "minimum_age": 16,
                "maximum_age": 29,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "plovdiv-social-assistance-directorate",
                "locations": [],
                "name": {
                    "bg": "Целева помощ за отопление",
                    "en": "Targeted heating assistance",
                },
                "description": {
                    "bg": (
                        "Помощ за отопление през зимния сезон за лица и семейства с ниски доходи, "
                        "отпускана от Дирекция „Социално подпомагане“."
                    ),
                    "en": (
                        "Help with heating costs in winter for people and families on low incomes, granted "
                        "by the Social Assistance Directorate."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "elderly", "single_parent", "disability"],
                "taxonomy_terms": ["financial_assistance"],
                "languages": ["bg"],
                "application_process": {
                    "bg": "Подайте заявление-декларация от 1 юли до 31 октомври с документи за доходите.",
                    "en": (
                        "Submit an application and declaration between 1 July and 31 October with proof of "
                        "income."
                    ),
                },
                "fees_description": {
                    "bg": "Безплатно.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "bg": (
                        "Лица и семейства, чийто средномесечен доход е под диференцирания минимален доход "
                        "за отопление."
                    ),
                    "en": (
                        "People and families whose average monthly income is below the differentiated "
                        "minimum income set for heating."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "09:00",
                        "closes_at": "17:30",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "plovdiv-municipality",
                "locations": ["plovdiv-town-hall"],
                "name": {
                    "bg": "Домашен социален патронаж",
                    "en": "Home social patronage",
                },
                "description": {
                    "bg": (
                        "Доставка на топла храна до дома и помощ в домакинството за възрастни хора и хора "
                        "с увреждания, които не могат да се грижат сами за себе си."
                    ),
                    "en": (
                        "Hot meals delivered at home and help around the house for elderly and disabled "
                        "people who cannot look after themselves."
                    ),
                },
                "status": "active",
                "target_groups": ["elderly", "disability"],
                "taxonomy_terms": ["home_care", "food"],
                "languages": ["bg"],
                "application_process": {
                    "bg": "Подайте молба в Центъра за административно обслужване на общината.",
                    "en": "Apply at the municipal administrative service centre.",
                },
                "fees_description": {
                    "bg": "Месечна такса според доходите, определена с наредба на общината.",
                    "en": "A monthly fee based on income, set by municipal ordinance.",
                },
                "eligibility_description": {
                    "bg": "Възрастни хора над 65 години и хора с увреждания с адрес в Пловдив.",
                    "en": "People over 65 and people with disabilities living in Plovdiv.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR", "SA"],
                        "opens_at": "10:00",
                        "closes_at": "14:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
        ],
    },
    "RS-ADA": {
        "organizations": [
            {
                "key": "ada-municipality",
                "organization_type": "municipality",
                "name": {
                    "sr-Cyrl": "Општина Ада",
                    "sr-Latn": "Opština Ada",
                    "en": "Municipality of Ada",
                },
                "description": {
                    "sr-Cyrl": (
                        "Општина у Војводини у којој од 2005. године ради Канцеларија за борбу против "
                        "сиромаштва, пример добре праксе који се шири по целој Србији."
                    ),
                    "sr-Latn": (
                        "Opština u Vojvodini u kojoj od 2005. godine radi Kancelarija za borbu protiv "
                        "siromaštva, primer dobre prakse koji se širi po celoj Srbiji."
                    ),
                    "en": (
                        "Municipality in Vojvodina where an anti-poverty office has worked since 2005, an "
                        "example of good practice now spreading across Serbia."
                    ),
                },
                "email": "socijalna@ada.example.org",
                "website": "https://ada.example.org",
                "phone": "+381 24 000 000",
                "address": {
                    "address_1": "Трг ослобођења 1",
                    "city": "Ада",
                    "postal_code": "24430",
                    "country": "RS",
                },
            },
            {
                "key": "ada-social-work-centre",
                "organization_type": "social_work_centre",
                "name": {
                    "sr-Cyrl": "Центар за социјални рад општине Ада",
                    "sr-Latn": "Centar za socijalni rad opštine Ada",
                    "en": "Centre for Social Work Ada",
                },
                "alternate_name": {
                    "sr-Cyrl": "ЦСР Ада",
                    "sr-Latn": "CSR Ada",
                    "en": "CSW Ada",
                },
                "description": {
                    "sr-Cyrl": (
                        "Установа социјалне заштите која одлучује о новчаној социјалној помоћи, додатку за "
                        "помоћ и негу другог лица и другим правима грађана општине Ада."
                    ),
                    "sr-Latn": (
                        "Ustanova socijalne zaštite koja odlučuje o novčanoj socijalnoj pomoći, dodatku za "
                        "pomoć i negu drugog lica i drugim pravima građana opštine Ada."
                    ),
                    "en": (
                        "The social-protection institution that decides on social financial assistance, "
                        "attendance allowance and other rights of Ada residents."
                    ),
                },
                "email": "csr@ada.example.org",
                "website": "",
                "phone": "+381 24 000 001",
                "address": {
                    "address_1": "Трг ослобођења 2",
                    "city": "Ада",
                    "postal_code": "24430",
                    "country": "RS",
                },
            },
            {
                "key": "ada-employment-service",
                "organization_type": "employment_agency",
                "name": {
                    "sr-Cyrl": "Национална служба за запошљавање – Филијала Кикинда, испостава Ада",
                    "sr-Latn": "Nacionalna služba za zapošljavanje – Filijala Kikinda, ispostava Ada",
                    "en": "National Employment Service – Kikinda branch, Ada office",
                },
                "alternate_name": {
                    "sr-Cyrl": "НСЗ Ада",
                    "sr-Latn": "NSZ Ada",
                    "en": "NES Ada",
                },
                "description": {
                    "sr-Cyrl": (
                        "Служба у којој се незапослени пријављују на евиденцију, добијају савет о каријери "
                        "и укључују у мере активне политике запошљавања и јавне радове."
                    ),
                    "sr-Latn": (
                        "Služba u kojoj se nezaposleni prijavljuju na evidenciju, dobijaju savet o "
                        "karijeri i uključuju u mere aktivne politike zapošljavanja i javne radove."
                    ),
                    "en": (
                        "Office where unemployed people register, get career advice and join active "
                        "labour-market measures and public works."
                    ),
                },
                "email": "info@nsz.example.org",
                "website": "https://nsz.example.org",
                "phone": "+381 24 000 002",
                "address": {
                    "address_1": "Трг ослобођења 8",
                    "city": "Ада",
                    "postal_code": "24430",
                    "country": "RS",
                },
            },
            {
                "key": "ada-duga-association",
                "organization_type": "ngo",
                "name": {
                    "sr-Cyrl": "Удружење грађана „Дуга“ – Ада",
                    "sr-Latn": "Udruženje građana „Duga“ – Ada",
                    "en": "Citizens' Association “Duga” – Ada",
                },
                "alternate_name": {
                    "sr-Cyrl": "УГ „Дуга“",
                    "sr-Latn": "UG „Duga“",
                    "en": "CA Duga",
                },
                "description": {
                    "sr-Cyrl": (
                        "Удружење основано 2001. године које се бори против сиромаштва; уз његову подршку "
                        "основана је Канцеларија за борбу против сиромаштва у Ади, а данас води социјално "
                        "мапирање у Ади, Новој Црњи, Сремској Митровици и Руми."
                    ),
                    "sr-Latn": (
                        "Udruženje osnovano 2001. godine koje se bori protiv siromaštva; uz njegovu "
                        "podršku osnovana je Kancelarija za borbu protiv siromaštva u Adi, a danas vodi "
                        "socijalno mapiranje u Adi, Novoj Crnji, Sremskoj Mitrovici i Rumi."
                    ),
                    "en": (
                        "Association founded in 2001 to fight poverty; it helped set up Ada's anti-poverty "
                        "office and now leads social mapping in Ada, Nova Crnja, Sremska Mitrovica and "
                        "Ruma."
                    ),
                },
                "email": "info@duga-ada.example.org",
                "website": "https://duga-ada.example.org",
                "phone": "+381 24 000 010",
                "address": {
                    "address_1": "Трг ослобођења 1",
                    "city": "Ада",
                    "postal_code": "24430",
                    "country": "RS",
                },
            },
        ],
        "locations": [
            {
                "key": "ada-poverty-office",
                "organization": "ada-municipality",
                "name": {
                    "sr-Cyrl": "Канцеларија за борбу против сиромаштва Ада",
                    "sr-Latn": "Kancelarija za borbu protiv siromaštva Ada",
                    "en": "Ada anti-poverty office",
                },
                "description": {
                    "sr-Cyrl": (
                        "Канцеларија у згради општине где грађани добијају информације, савет и упућивање "
                        "на помоћ, без заказивања."
                    ),
                    "sr-Latn": (
                        "Kancelarija u zgradi opštine gde građani dobijaju informacije, savet i upućivanje "
                        "na pomoć, bez zakazivanja."
                    ),
                    "en": (
                        "Office in the municipal building where people get information, advice and "
                        "referral to help without an appointment."
                    ),
                },
                "address": {
                    "address_1": "Трг ослобођења 1",
                    "city": "Ада",
                    "postal_code": "24430",
                    "country": "RS",
                },
                "latitude": 45.802,
                "longitude": 20.128,
                "languages": ["sr-Cyrl", "sr-Latn"],
                "accessibility": {
                    "sr-Cyrl": "Улаз из дворишта без степеника.",
                    "sr-Latn": "Ulaz iz dvorišta bez stepenika.",
                    "en": "Step-free entrance from the courtyard.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:00",
                        "closes_at": "15:00",
                    },
                    {
                        "byday": ["TU"],
                        "opens_at": "15:00",
                        "closes_at": "18:00",
                    },
                ],
            },
            {
                "key": "ada-soup-kitchen",
                "organization": "ada-duga-association",
                "name": {
                    "sr-Cyrl": "Народна кухиња Ада",
                    "sr-Latn": "Narodna kuhinja Ada",
                    "en": "Ada soup kitchen",
                },
                "description": {
                    "sr-Cyrl": "Простор у коме се сваког радног дана дели топли оброк.",
                    "sr-Latn": "Prostor u kome se svakog radnog dana deli topli obrok.",
                    "en": "Place where a hot meal is served every weekday.",
                },
                "address": {
                    "address_1": "Улица Петефи Шандора 1",
                    "city": "Ада",
                    "postal_code": "24430",
                    "country": "RS",
                },
                "latitude": 45.7995,
                "longitude": 20.1305,
                "languages": ["sr-Cyrl", "sr-Latn"],
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "11:00",
                        "closes_at": "13:00",
                    },
                ],
            },
        ],
        "services": [
            {
                "organization": "ada-municipality",
                "locations": ["ada-poverty-office"],
                "name": {
                    "sr-Cyrl": "Канцеларија за борбу против сиромаштва",
                    "sr-Latn": "Kancelarija za borbu protiv siromaštva",
                    "en": "Anti-poverty office",
                },
                "description": {
                    "sr-Cyrl": (
                        "Центар знања и помоћи за најугроженије грађане: информације о правима, помоћ у "
                        "попуњавању захтева и упућивање Центру за социјални рад, Националној служби за "
                        "запошљавање и удружењима."
                    ),
                    "sr-Latn": (
                        "Centar znanja i pomoći za najugroženije građane: informacije o pravima, pomoć u "
                        "popunjavanju zahteva i upućivanje Centru za socijalni rad, Nacionalnoj službi za "
                        "zapošljavanje i udruženjima."
                    ),
                    "en": (
                        "A centre of knowledge and help for the poorest residents: information about "
                        "rights, help with applications, and referral to the Centre for Social Work, the "
                        "National Employment Service and associations."
                    ),
                },
                "status": "active",
                "target_groups": [
                    "social_assistance_recipient",
                    "unemployed",
                    "roma",
                    "single_parent",
                    "women",
                    "disability",
                ],
                "taxonomy_terms": ["referral", "counselling"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": "Дођите у канцеларију без заказивања; понесите личну карту ако је имате.",
                    "sr-Latn": "Dođite u kancelariju bez zakazivanja; ponesite ličnu kartu ako je imate.",
                    "en": (
                        "Come to the office without an appointment; bring your identity card if you have one."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Грађани општине Ада који живе у сиромаштву или тешким условима живота.",
                    "sr-Latn": "Građani opštine Ada koji žive u siromaštvu ili teškim uslovima života.",
                    "en": "Ada residents living in poverty or hard conditions.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:00",
                        "closes_at": "15:00",
                    },
                    {
                        "byday": ["TU"],
                        "opens_at": "15:00",
                        "closes_at": "18:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "+381 24 000 020",
                "email": "",
                "url": "",
            },
            {
                "organization": "ada-duga-association",
                "locations": [],
                "name": {
                    "sr-Cyrl": "Социјално мапирање – теренски рад",
                    "sr-Latn": "Socijalno mapiranje – terenski rad",
                    "en": "Social mapping – field work",
                },
                "description": {
                    "sr-Cyrl": (
                        "Теренски тимови обилазе домаћинства, прикупљају податке за базу социјално "
                        "угроженог становништва и информишу људе у удаљеним насељима о доступним "
                        "социјалним услугама."
                    ),
                    "sr-Latn": (
                        "Terenski timovi obilaze domaćinstva, prikupljaju podatke za bazu socijalno "
                        "ugroženog stanovništva i informišu ljude u udaljenim naseljima o dostupnim "
                        "socijalnim uslugama."
                    ),
                    "en": (
                        "Field teams visit households, gather data for the database of people in need and "
                        "tell people in remote settlements about the social services available."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "roma", "elderly", "disability"],
                "taxonomy_terms": ["referral"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": (
                        "Теренски тим долази у ваше насеље; посету можете затражити и у канцеларији."
                    ),
                    "sr-Latn": (
                        "Terenski tim dolazi u vaše naselje; posetu možete zatražiti i u kancelariji."
                    ),
                    "en": (
                        "The field team comes to your settlement; you can also ask for a visit at the office."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Домаћинства у општини Ада; подаци се уносе само уз пристанак.",
                    "sr-Latn": "Domaćinstva u opštini Ada; podaci se unose samo uz pristanak.",
                    "en": "Households in Ada; details are recorded only with consent.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "WE", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "14:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "ada-municipality",
                "locations": ["ada-poverty-office"],
                "name": {
                    "sr-Cyrl": "Радно ангажовање и друштвено користан рад",
                    "sr-Latn": "Radno angažovanje i društveno koristan rad",
                    "en": "Work activation and community work",
                },
                "description": {
                    "sr-Cyrl": (
                        "Радно способни незапослени, посебно Роми, добијају привремени посао у јавним "
                        "предузећима и прилику да упознају послодавце; најмање половина учесника су жене."
                    ),
                    "sr-Latn": (
                        "Radno sposobni nezaposleni, posebno Romi, dobijaju privremeni posao u javnim "
                        "preduzećima i priliku da upoznaju poslodavce; najmanje polovina učesnika su žene."
                    ),
                    "en": (
                        "Unemployed people able to work, especially Roma, get temporary work in public "
                        "enterprises and a chance to meet employers; at least half of the participants are "
                        "women."
                    ),
                },
                "status": "active",
                "target_groups": [
                    "unemployed",
                    "long_term_unemployed",
                    "roma",
                    "women",
                    "social_assistance_recipient",
                ],
                "taxonomy_terms": ["employment"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": (
                        "Пријава у Канцеларији за борбу против сиромаштва; учесници се бирају према "
                        "критеријумима за радно ангажовање."
                    ),
                    "sr-Latn": (
                        "Prijava u Kancelariji za borbu protiv siromaštva; učesnici se biraju prema "
                        "kriterijumima za radno angažovanje."
                    ),
                    "en": (
                        "Apply at the anti-poverty office; participants are chosen by the work-activation "
                        "criteria."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно; ангажовани примају накнаду за рад.",
                    "sr-Latn": "Besplatno; angažovani primaju naknadu za rad.",
                    "en": "Free; participants are paid for their work.",
                },
                "eligibility_description": {
                    "sr-Cyrl": (
                        "Радно способни корисници новчане социјалне помоћи и дугорочно незапослени из "
                        "општине Ада."
                    ),
                    "sr-Latn": (
                        "Radno sposobni korisnici novčane socijalne pomoći i dugoročno nezaposleni iz "
                        "opštine Ada."
                    ),
                    "en": (
                        "Recipients of social financial assistance who are able to work and long-term "
                        "unemployed people in Ada."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:00",
                        "closes_at": "15:00",
                    },
                ],
                "minimum_age": 18,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "ada-social-work-centre",
                "locations": [],
                "name": {
                    "sr-Cyrl": "Новчана социјална помоћ",
                    "sr-Latn": "Novčana socijalna pomoć",
                    "en": "Social financial assistance",
                },
                "description": {
                    "sr-Cyrl": (
                        "Месечна новчана помоћ за појединце и породице чији су приходи испод законом "
                        "утврђеног износа."
                    ),
                    "sr-Latn": (
                        "Mesečna novčana pomoć za pojedince i porodice čiji su prihodi ispod zakonom "
                        "utvrđenog iznosa."
                    ),
                    "en": (
                        "Monthly cash assistance for people and families whose income is below the amount "
                        "set by law."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "unemployed", "single_parent", "disability"],
                "taxonomy_terms": ["financial_assistance"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": (
                        "Захтев се подноси Центру за социјални рад уз личне документе и доказе о приходима "
                        "и имовини."
                    ),
                    "sr-Latn": (
                        "Zahtev se podnosi Centru za socijalni rad uz lične dokumente i dokaze o prihodima "
                        "i imovini."
                    ),
                    "en": (
                        "Apply to the Centre for Social Work with personal documents and proof of income "
                        "and property."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": (
                        "Појединци и породице који не могу да обезбеде средства за основне животне "
                        "потребе, према Закону о социјалној заштити."
                    ),
                    "sr-Latn": (
                        "Pojedinci i porodice koji ne mogu da obezbede sredstva za osnovne životne "
                        "potrebe, prema Zakonu o socijalnoj zaštiti."
                    ),
                    "en": (
                        "People and families who cannot meet their basic needs, under the Law on Social "
                        "Protection."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:30",
                        "closes_at": "15:30",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "ada-duga-association",
                "locations": ["ada-soup-kitchen"],
                "name": {
                    "sr-Cyrl": "Народна кухиња",
                    "sr-Latn": "Narodna kuhinja",
                    "en": "Soup kitchen",
                },
                "description": {
                    "sr-Cyrl": "Један топли оброк дневно радним данима за најугроженије грађане.",
                    "sr-Latn": "Jedan topli obrok dnevno radnim danima za najugroženije građane.",
                    "en": "One hot meal a day on weekdays for residents in greatest need.",
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "elderly", "homeless"],
                "taxonomy_terms": ["food"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": (
                        "Списак корисника утврђује Центар за социјални рад на предлог Канцеларије за борбу "
                        "против сиромаштва."
                    ),
                    "sr-Latn": (
                        "Spisak korisnika utvrđuje Centar za socijalni rad na predlog Kancelarije za borbu "
                        "protiv siromaštva."
                    ),
                    "en": (
                        "The list of users is set by the Centre for Social Work on the anti-poverty "
                        "office's proposal."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Корисници новчане социјалне помоћи, старији без прихода и бескућници.",
                    "sr-Latn": "Korisnici novčane socijalne pomoći, stariji bez prihoda i beskućnici.",
                    "en": (
                        "Recipients of social financial assistance, elderly people without income and "
                        "homeless people."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "11:00",
                        "closes_at": "13:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
        ],
    },
    "RS-NCRNJA": {
        "organizations": [
            {
                "key": "ncrnja-municipality",
                "organization_type": "municipality",
                "name": {
                    "sr-Cyrl": "Општина Нова Црња",
                    "sr-Latn": "Opština Nova Crnja",
                    "en": "Municipality of Nova Crnja",
                },
                "description": {
                    "sr-Cyrl": (
                        "Општина у Средњем Банату са неколико удаљених села, која кроз међуопштинску "
                        "сарадњу уводи социјално мапирање и помоћ у кући."
                    ),
                    "sr-Latn": (
                        "Opština u Srednjem Banatu sa nekoliko udaljenih sela, koja kroz međuopštinsku "
                        "saradnju uvodi socijalno mapiranje i pomoć u kući."
                    ),
                    "en": (
                        "Municipality in Central Banat with several remote villages, bringing in social "
                        "mapping and home care through inter-municipal cooperation."
                    ),
                },
                "email": "socijalna@novacrnja.example.org",
                "website": "https://novacrnja.example.org",
                "phone": "+381 23 000 000",
                "address": {
                    "address_1": "ЈНА 110",
                    "city": "Нова Црња",
                    "postal_code": "23218",
                    "country": "RS",
                },
            },
            {
                "key": "ncrnja-social-work-centre",
                "organization_type": "social_work_centre",
                "name": {
                    "sr-Cyrl": "Центар за социјални рад Нова Црња",
                    "sr-Latn": "Centar za socijalni rad Nova Crnja",
                    "en": "Centre for Social Work Nova Crnja",
                },
                "alternate_name": {
                    "sr-Cyrl": "ЦСР Нова Црња",
                    "sr-Latn": "CSR Nova Crnja",
                    "en": "CSW Nova Crnja",
                },
                "description": {
                    "sr-Cyrl": (
                        "Установа социјалне заштите која одлучује о правима грађана општине Нова Црња и "
                        "води поступке заштите деце и породице."
                    ),
                    "sr-Latn": (
                        "Ustanova socijalne zaštite koja odlučuje o pravima građana opštine Nova Crnja i "
                        "vodi postupke zaštite dece i porodice."
                    ),
                    "en": (
                        "The social-protection institution that decides on the rights of Nova Crnja "
                        "residents and handles child and family protection cases."
                    ),
                },
                "email": "csr@novacrnja.example.org",
                "website": "",
                "phone": "+381 23 000 001",
                "address": {
                    "address_1": "ЈНА 94",
                    "city": "Нова Црња",
                    "postal_code": "23218",
                    "country": "RS",
                },
            },
            {
                "key": "ncrnja-employment-service",
                "organization_type": "employment_agency",
                "name": {
                    "sr-Cyrl": "Национална служба за запошљавање – Филијала Зрењанин, испостава Нова Црња",
                    "sr-Latn": (
                        "Nacionalna služba za zapošljavanje – Filijala Zrenjanin, ispostava Nova Crnja"
                    ),
                    "en": "National Employment Service – Zrenjanin branch, Nova Crnja office",
                },
                "alternate_name": {
                    "sr-Cyrl": "НСЗ Нова Црња",
                    "sr-Latn": "NSZ Nova Crnja",
                    "en": "NES Nova Crnja",
                },
                "description": {
                    "sr-Cyrl": (
                        "Служба у којој се незапослени пријављују на евиденцију, добијају савет о каријери "
                        "и укључују у мере активне политике запошљавања и јавне радове."
                    ),
                    "sr-Latn": (
                        "Služba u kojoj se nezaposleni prijavljuju na evidenciju, dobijaju savet o "
                        "karijeri i uključuju u mere aktivne politike zapošljavanja i javne radove."
                    ),
                    "en": (
                        "Office where unemployed people register, get career advice and join active "
                        "labour-market measures and public works."
                    ),
                },
                "email": "info@nsz.example.org",
                "website": "https://nsz.example.org",
                "phone": "+381 23 000 002",
                "address": {
                    "address_1": "ЈНА 110",
                    "city": "Нова Црња",
                    "postal_code": "23218",
                    "country": "RS",
                },
            },
        ],
        "locations": [
            {
                "key": "ncrnja-town-hall",
                "organization": "ncrnja-municipality",
                "name": {
                    "sr-Cyrl": "Општина Нова Црња – услужни центар",
                    "sr-Latn": "Opština Nova Crnja – uslužni centar",
                    "en": "Nova Crnja Municipality – service centre",
                },
                "description": {
                    "sr-Cyrl": (
                        "Шалтер у згради општине где се подносе захтеви за помоћ у кући и упис у базу "
                        "социјалног мапирања."
                    ),
                    "sr-Latn": (
                        "Šalter u zgradi opštine gde se podnose zahtevi za pomoć u kući i upis u bazu "
                        "socijalnog mapiranja."
                    ),
                    "en": (
                        "Desk in the municipal building for applications for home care and for entry in "
                        "the social-mapping database."
                    ),
                },
                "address": {
                    "address_1": "ЈНА 110",
                    "city": "Нова Црња",
                    "postal_code": "23218",
                    "country": "RS",
                },
                "latitude": 45.669,
                "longitude": 20.604,
                "languages": ["sr-Cyrl", "sr-Latn"],
                "accessibility": {
                    "sr-Cyrl": "Рампа на главном улазу.",
                    "sr-Latn": "Rampa na glavnom ulazu.",
                    "en": "Ramp at the main entrance.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:00",
                        "closes_at": "15:00",
                    },
                ],
            },
            {
                "key": "ncrnja-day-centre",
                "organization": "ncrnja-municipality",
                "name": {
                    "sr-Cyrl": "Дневни боравак Српска Црња",
                    "sr-Latn": "Dnevni boravak Srpska Crnja",
                    "en": "Srpska Crnja day care centre",
                },
                "description": {
                    "sr-Cyrl": (
                        "Простор за дневни боравак деце и младих са сметњама у развоју, са сензорном собом "
                        "и двориштем."
                    ),
                    "sr-Latn": (
                        "Prostor za dnevni boravak dece i mladih sa smetnjama u razvoju, sa senzornom "
                        "sobom i dvorištem."
                    ),
                    "en": (
                        "Day care premises for children and young people with disabilities, with a sensory "
                        "room and a garden."
                    ),
                },
                "address": {
                    "address_1": "Улица Вука Караџића 1",
                    "city": "Српска Црња",
                    "postal_code": "23220",
                    "country": "RS",
                },
                "latitude": 45.723,
                "longitude": 20.692,
                "languages": ["sr-Cyrl", "sr-Latn"],
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:00",
                        "closes_at": "17:00",
                    },
                ],
            },
        ],
        "services": [
            {
                "organization": "ncrnja-municipality",
                "locations": ["ncrnja-town-hall"],
                "name": {
                    "sr-Cyrl": "Помоћ у кући за старија лица",
                    "sr-Latn": "Pomoć u kući za starija lica",
                    "en": "Help at home for elderly people",
                },
                "description": {
                    "sr-Cyrl": (
                        "Геронтодомаћице обилазе старија лица у селима општине: помоћ у одржавању "
                        "хигијене, набавци намирница и лекова и одласку код лекара."
                    ),
                    "sr-Latn": (
                        "Gerontodomaćice obilaze starija lica u selima opštine: pomoć u održavanju "
                        "higijene, nabavci namirnica i lekova i odlasku kod lekara."
                    ),
                    "en": (
                        "Home helpers visit elderly people in the municipality's villages: help with "
                        "hygiene, buying food and medicines and trips to the doctor."
                    ),
                },
                "status": "active",
                "target_groups": ["elderly", "disability"],
                "taxonomy_terms": ["home_care"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": (
                        "Захтев подноси лице или члан породице Центру за социјални рад, који процењује "
                        "потребу."
                    ),
                    "sr-Latn": (
                        "Zahtev podnosi lice ili član porodice Centru za socijalni rad, koji procenjuje "
                        "potrebu."
                    ),
                    "en": (
                        "The person or a family member applies to the Centre for Social Work, which "
                        "assesses the need."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": (
                        "Бесплатно за кориснике новчане социјалне помоћи; остали плаћају учешће према "
                        "приходима."
                    ),
                    "sr-Latn": (
                        "Besplatno za korisnike novčane socijalne pomoći; ostali plaćaju učešće prema "
                        "prihodima."
                    ),
                    "en": (
                        "Free for recipients of social financial assistance; others pay a share based on "
                        "income."
                    ),
                },
                "eligibility_description": {
                    "sr-Cyrl": (
                        "Лица старија од 65 година која живе сама или немају довољну подршку породице."
                    ),
                    "sr-Latn": (
                        "Lica starija od 65 godina koja žive sama ili nemaju dovoljnu podršku porodice."
                    ),
                    "en": "People over 65 who live alone or lack enough family support.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:00",
                        "closes_at": "15:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "08:00",
                        "closes_at": "12:00",
                    },
                ],
                "minimum_age": 65,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "ncrnja-social-work-centre",
                "locations": [],
                "name": {
                    "sr-Cyrl": "Мобилни тим за удаљена насеља",
                    "sr-Latn": "Mobilni tim za udaljena naselja",
                    "en": "Mobile team for remote villages",
                },
                "description": {
                    "sr-Cyrl": (
                        "Социјални радник и стручни сарадник једном недељно обилазе удаљена села, пружају "
                        "информације и саветовање и упућују на социјалне услуге."
                    ),
                    "sr-Latn": (
                        "Socijalni radnik i stručni saradnik jednom nedeljno obilaze udaljena sela, "
                        "pružaju informacije i savetovanje i upućuju na socijalne usluge."
                    ),
                    "en": (
                        "A social worker and a colleague visit remote villages once a week to give "
                        "information and advice and refer people to social services."
                    ),
                },
                "status": "active",
                "target_groups": ["elderly", "disability", "social_assistance_recipient", "children_at_risk"],
                "taxonomy_terms": ["counselling", "referral"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": (
                        "Распоред обилазака објављује се у месним заједницама; посету можете затражити "
                        "телефоном."
                    ),
                    "sr-Latn": (
                        "Raspored obilazaka objavljuje se u mesnim zajednicama; posetu možete zatražiti "
                        "telefonom."
                    ),
                    "en": (
                        "Visit times are posted in local community offices; you can ask for a visit by phone."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Житељи села општине Нова Црња.",
                    "sr-Latn": "Žitelji sela opštine Nova Crnja.",
                    "en": "People living in the villages of Nova Crnja.",
                },
                "schedules": [
                    {
                        "byday": ["WE"],
                        "opens_at": "09:00",
                        "closes_at": "15:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "+381 23 000 001",
                "email": "",
                "url": "",
            },
            {
                "organization": "ncrnja-municipality",
                "locations": ["ncrnja-town-hall"],
                "name": {
                    "sr-Cyrl": "Социјално мапирање и база података",
                    "sr-Latn": "Socijalno mapiranje i baza podataka",
                    "en": "Social mapping and database",
                },
                "description": {
                    "sr-Cyrl": (
                        "Уз подршку удружења „Дуга“ из Аде, општина мапира социјално угрожено становништво "
                        "и социјалне услуге, како би боље планирала помоћ."
                    ),
                    "sr-Latn": (
                        "Uz podršku udruženja „Duga“ iz Ade, opština mapira socijalno ugroženo "
                        "stanovništvo i socijalne usluge, kako bi bolje planirala pomoć."
                    ),
                    "en": (
                        "With support from the Duga association in Ada, the municipality maps people in "
                        "need and the social services available, to plan help better."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "roma", "unemployed", "women"],
                "taxonomy_terms": ["referral"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": "Упис у базу на шалтеру општине или током теренске посете.",
                    "sr-Latn": "Upis u bazu na šalteru opštine ili tokom terenske posete.",
                    "en": "Entry in the database at the municipal desk or during a field visit.",
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Домаћинства у општини Нова Црња; подаци се уносе само уз пристанак.",
                    "sr-Latn": "Domaćinstva u opštini Nova Crnja; podaci se unose samo uz pristanak.",
                    "en": "Households in Nova Crnja; details are recorded only with consent.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:00",
                        "closes_at": "15:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "ncrnja-municipality",
                "locations": ["ncrnja-day-centre"],
                "name": {
                    "sr-Cyrl": "Дневни боравак за децу и младе са сметњама у развоју",
                    "sr-Latn": "Dnevni boravak za decu i mlade sa smetnjama u razvoju",
                    "en": "Day care for children and young people with disabilities",
                },
                "description": {
                    "sr-Cyrl": (
                        "Дневни програм за децу и младе са сметњама у развоју: радне и креативне "
                        "радионице, учење вештина самосталног живота и подршка родитељима."
                    ),
                    "sr-Latn": (
                        "Dnevni program za decu i mlade sa smetnjama u razvoju: radne i kreativne "
                        "radionice, učenje veština samostalnog života i podrška roditeljima."
                    ),
                    "en": (
                        "A day programme for children and young people with disabilities: practical and "
                        "creative workshops, independent-living skills and support for parents."
                    ),
                },
                "status": "active",
                "target_groups": ["disability", "children_at_risk"],
                "taxonomy_terms": ["day_care", "disability_support"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": (
                        "Захтев се подноси Центру за социјални рад уз мишљење интерресорне комисије или "
                        "налаз лекара."
                    ),
                    "sr-Latn": (
                        "Zahtev se podnosi Centru za socijalni rad uz mišljenje interresorne komisije ili "
                        "nalaz lekara."
                    ),
                    "en": (
                        "Apply to the Centre for Social Work with the opinion of the inter-sectoral "
                        "committee or a doctor's report."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": (
                        "Бесплатно за породице са ниским приходима; остали плаћају учешће према одлуци "
                        "општине."
                    ),
                    "sr-Latn": (
                        "Besplatno za porodice sa niskim prihodima; ostali plaćaju učešće prema odluci "
                        "opštine."
                    ),
                    "en": "Free for low-income families; others pay a share set by municipal decision.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Деца и млади са сметњама у развоју од 7 до 26 година.",
                    "sr-Latn": "Deca i mladi sa smetnjama u razvoju od 7 do 26 godina.",
                    "en": "Children and young people with disabilities aged 7 to 26.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:00",
                        "closes_at": "17:00",
                    },
                ],
                "minimum_age": 7,
                "maximum_age": 26,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "ncrnja-employment-service",
                "locations": [],
                "name": {
                    "sr-Cyrl": "Пријава на евиденцију и јавни радови",
                    "sr-Latn": "Prijava na evidenciju i javni radovi",
                    "en": "Registration and public works",
                },
                "description": {
                    "sr-Cyrl": (
                        "Пријава на евиденцију незапослених, саветовање о запошљавању и укључивање у јавне "
                        "радове које организује општина."
                    ),
                    "sr-Latn": (
                        "Prijava na evidenciju nezaposlenih, savetovanje o zapošljavanju i uključivanje u "
                        "javne radove koje organizuje opština."
                    ),
                    "en": (
                        "Registering as unemployed, employment advice and places on the public works the "
                        "municipality organises."
                    ),
                },
                "status": "active",
                "target_groups": ["unemployed", "long_term_unemployed", "roma", "women"],
                "taxonomy_terms": ["employment", "training"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": "Лично у испостави, уз личну карту и доказ о стручној спреми.",
                    "sr-Latn": "Lično u ispostavi, uz ličnu kartu i dokaz o stručnoj spremi.",
                    "en": "In person at the office, with an identity card and proof of qualifications.",
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Незапослена лица са пребивалиштем у општини Нова Црња.",
                    "sr-Latn": "Nezaposlena lica sa prebivalištem u opštini Nova Crnja.",
                    "en": "Unemployed people resident in Nova Crnja.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:30",
                        "closes_at": "15:30",
                    },
                ],
                "minimum_age": 15,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
        ],
    },
    "RS-SMITROVICA": {
        "organizations": [
            {
                "key": "smitrovica-city",
                "organization_type": "municipality",
                "name": {
                    "sr-Cyrl": "Град Сремска Митровица",
                    "sr-Latn": "Grad Sremska Mitrovica",
                    "en": "City of Sremska Mitrovica",
                },
                "description": {
                    "sr-Cyrl": (
                        "Град у Срему чија Канцеларија за смањење сиромаштва кроз међуопштинску сарадњу "
                        "прима и кориснике из суседних општина."
                    ),
                    "sr-Latn": (
                        "Grad u Sremu čija Kancelarija za smanjenje siromaštva kroz međuopštinsku saradnju "
                        "prima i korisnike iz susednih opština."
                    ),
                    "en": (
                        "City in Srem whose poverty-reduction office, through inter-municipal cooperation, "
                        "also takes clients from neighbouring municipalities."
                    ),
                },
                "email": "socijalna@sremskamitrovica.example.org",
                "website": "https://sremskamitrovica.example.org",
                "phone": "+381 22 000 000",
                "address": {
                    "address_1": "Светог Димитрија 13",
                    "city": "Сремска Митровица",
                    "postal_code": "22000",
                    "country": "RS",
                },
            },
            {
                "key": "smitrovica-social-work-centre",
                "organization_type": "social_work_centre",
                "name": {
                    "sr-Cyrl": "Центар за социјални рад Сремска Митровица",
                    "sr-Latn": "Centar za socijalni rad Sremska Mitrovica",
                    "en": "Centre for Social Work Sremska Mitrovica",
                },
                "alternate_name": {
                    "sr-Cyrl": "ЦСР Сремска Митровица",
                    "sr-Latn": "CSR Sremska Mitrovica",
                    "en": "CSW Sremska Mitrovica",
                },
                "description": {
                    "sr-Cyrl": (
                        "Установа социјалне заштите која одлучује о новчаној социјалној помоћи, заштити "
                        "деце и жртава насиља и другим правима грађана Сремске Митровице."
                    ),
                    "sr-Latn": (
                        "Ustanova socijalne zaštite koja odlučuje o novčanoj socijalnoj pomoći, zaštiti "
                        "dece i žrtava nasilja i drugim pravima građana Sremske Mitrovice."
                    ),
                    "en": (
                        "The social-protection institution that decides on social financial assistance, "
                        "protection of children and victims of violence, and other rights of Sremska "
                        "Mitrovica residents."
                    ),
                },
                "email": "csr@sremskamitrovica.example.org",
                "website": "",
                "phone": "+381 22 000 001",
                "address": {
                    "address_1": "Стари шор 10",
                    "city": "Сремска Митровица",
                    "postal_code": "22000",
                    "country": "RS",
                },
            },
            {
                "key": "smitrovica-employment-service",
                "organization_type": "employment_agency",
                "name": {
                    "sr-Cyrl": "Национална служба за запошљавање – Филијала Сремска Митровица",
                    "sr-Latn": "Nacionalna služba za zapošljavanje – Filijala Sremska Mitrovica",
                    "en": "National Employment Service – Sremska Mitrovica branch",
                },
                "alternate_name": {
                    "sr-Cyrl": "НСЗ Сремска Митровица",
                    "sr-Latn": "NSZ Sremska Mitrovica",
                    "en": "NES Sremska Mitrovica",
                },
                "description": {
                    "sr-Cyrl": (
                        "Служба у којој се незапослени пријављују на евиденцију, добијају савет о каријери "
                        "и укључују у мере активне политике запошљавања и јавне радове."
                    ),
                    "sr-Latn": (
                        "Služba u kojoj se nezaposleni prijavljuju na evidenciju, dobijaju savet o "
                        "karijeri i uključuju u mere aktivne politike zapošljavanja i javne radove."
                    ),
                    "en": (
                        "Office where unemployed people register, get career advice and join active "
                        "labour-market measures and public works."
                    ),
                },
                "email": "info@nsz.example.org",
                "website": "https://nsz.example.org",
                "phone": "+381 22 000 002",
                "address": {
                    "address_1": "Трг Ћире Милекића 1",
                    "city": "Сремска Митровица",
                    "postal_code": "22000",
                    "country": "RS",
                },
            },
        ],
        "locations": [
            {
                "key": "smitrovica-poverty-office",
                "organization": "smitrovica-city",
                "name": {
                    "sr-Cyrl": "Канцеларија за смањење сиромаштва Сремска Митровица",
                    "sr-Latn": "Kancelarija za smanjenje siromaštva Sremska Mitrovica",
                    "en": "Sremska Mitrovica poverty-reduction office",
                },
                "description": {
                    "sr-Cyrl": (
                        "Канцеларија у центру града, отворена у оквиру пројекта међуопштинске сарадње."
                    ),
                    "sr-Latn": (
                        "Kancelarija u centru grada, otvorena u okviru projekta međuopštinske saradnje."
                    ),
                    "en": (
                        "Office in the town centre, opened under the inter-municipal cooperation project."
                    ),
                },
                "address": {
                    "address_1": "Светог Димитрија 13",
                    "city": "Сремска Митровица",
                    "postal_code": "22000",
                    "country": "RS",
                },
                "latitude": 44.9765,
                "longitude": 19.6125,
                "languages": ["sr-Cyrl", "sr-Latn"],
                "accessibility": {
                    "sr-Cyrl": "Улаз у приземљу без степеника.",
                    "sr-Latn": "Ulaz u prizemlju bez stepenika.",
                    "en": "Step-free ground-floor entrance.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:30",
                        "closes_at": "15:30",
                    },
                    {
                        "byday": ["TH"],
                        "opens_at": "15:30",
                        "closes_at": "19:00",
                    },
                ],
            },
            {
                "key": "smitrovica-csw-reception",
                "organization": "smitrovica-social-work-centre",
                "name": {
                    "sr-Cyrl": "Центар за социјални рад Сремска Митровица – пријемна служба",
                    "sr-Latn": "Centar za socijalni rad Sremska Mitrovica – prijemna služba",
                    "en": "Centre for Social Work Sremska Mitrovica – reception",
                },
                "description": {
                    "sr-Cyrl": (
                        "Пријемна служба у којој се подносе захтеви и заказују разговори са социјалним "
                        "радником."
                    ),
                    "sr-Latn": (
                        "Prijemna služba u kojoj se podnose zahtevi i zakazuju razgovori sa socijalnim "
                        "radnikom."
                    ),
                    "en": (
                        "Reception where applications are made and appointments with a social worker are "
                        "booked."
                    ),
                },
                "address": {
                    "address_1": "Стари шор 10",
                    "city": "Сремска Митровица",
                    "postal_code": "22000",
                    "country": "RS",
                },
                "latitude": 44.975,
                "longitude": 19.615,
                "languages": ["sr-Cyrl", "sr-Latn"],
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:30",
                        "closes_at": "15:30",
                    },
                ],
            },
        ],
        "services": [
            {
                "organization": "smitrovica-city",
                "locations": ["smitrovica-poverty-office"],
                "name": {
                    "sr-Cyrl": "Канцеларија за смањење сиромаштва",
                    "sr-Latn": "Kancelarija za smanjenje siromaštva",
                    "en": "Poverty-reduction office",
                },
                "description": {
                    "sr-Cyrl": (
                        "Информације, саветовање и помоћ за најугроженије грађане и упућивање на социјалне "
                        "услуге; по споразуму о међуопштинској сарадњи канцеларија прима и кориснике из "
                        "Руме и других суседних општина."
                    ),
                    "sr-Latn": (
                        "Informacije, savetovanje i pomoć za najugroženije građane i upućivanje na "
                        "socijalne usluge; po sporazumu o međuopštinskoj saradnji kancelarija prima i "
                        "korisnike iz Rume i drugih susednih opština."
                    ),
                    "en": (
                        "Information, advice and help for the residents in greatest need, with referral to "
                        "social services; under an inter-municipal cooperation agreement the office also "
                        "takes clients from Ruma and other neighbouring municipalities."
                    ),
                },
                "status": "active",
                "target_groups": [
                    "social_assistance_recipient",
                    "unemployed",
                    "roma",
                    "women",
                    "single_parent",
                ],
                "taxonomy_terms": ["referral", "counselling"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": (
                        "Дођите без заказивања или позовите телефоном; корисници из суседних општина "
                        "долазе са упутом своје канцеларије или центра за социјални рад."
                    ),
                    "sr-Latn": (
                        "Dođite bez zakazivanja ili pozovite telefonom; korisnici iz susednih opština "
                        "dolaze sa uputom svoje kancelarije ili centra za socijalni rad."
                    ),
                    "en": (
                        "Drop in or call; clients from neighbouring municipalities come with a referral "
                        "from their own office or Centre for Social Work."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": (
                        "Грађани Сремске Митровице и, по споразуму, суседних општина који живе у сиромаштву."
                    ),
                    "sr-Latn": (
                        "Građani Sremske Mitrovice i, po sporazumu, susednih opština koji žive u siromaštvu."
                    ),
                    "en": (
                        "People living in poverty in Sremska Mitrovica and, by agreement, in neighbouring "
                        "municipalities."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:30",
                        "closes_at": "15:30",
                    },
                    {
                        "byday": ["TH"],
                        "opens_at": "15:30",
                        "closes_at": "19:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "+381 22 000 020",
                "email": "",
                "url": "",
            },
            {
                "organization": "smitrovica-social-work-centre",
                "locations": ["smitrovica-csw-reception"],
                "name": {
                    "sr-Cyrl": "Саветовалиште за брак и породицу",
                    "sr-Latn": "Savetovalište za brak i porodicu",
                    "en": "Marriage and family counselling",
                },
                "description": {
                    "sr-Cyrl": (
                        "Саветовање за породице у кризи, родитеље и младе, које воде психолог и социјални "
                        "радник Центра за социјални рад."
                    ),
                    "sr-Latn": (
                        "Savetovanje za porodice u krizi, roditelje i mlade, koje vode psiholog i "
                        "socijalni radnik Centra za socijalni rad."
                    ),
                    "en": (
                        "Counselling for families in crisis, parents and young people, led by the Centre "
                        "for Social Work's psychologist and social worker."
                    ),
                },
                "status": "active",
                "target_groups": ["single_parent", "children_at_risk", "victim_of_violence"],
                "taxonomy_terms": ["counselling", "child_protection"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": "Закажите разговор у пријемној служби или телефоном.",
                    "sr-Latn": "Zakažite razgovor u prijemnoj službi ili telefonom.",
                    "en": "Book at the reception or by phone.",
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Породице и појединци из Сремске Митровице.",
                    "sr-Latn": "Porodice i pojedinci iz Sremske Mitrovice.",
                    "en": "Families and individuals in Sremska Mitrovica.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "WE"],
                        "opens_at": "12:00",
                        "closes_at": "19:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "smitrovica-social-work-centre",
                "locations": [],
                "name": {
                    "sr-Cyrl": "СОС телефон за жене и децу жртве насиља",
                    "sr-Latn": "SOS telefon za žene i decu žrtve nasilja",
                    "en": "SOS line for women and children facing violence",
                },
                "description": {
                    "sr-Cyrl": (
                        "Телефонска линија која ради непрекидно: хитан савет, процена безбедности и "
                        "упућивање у сигурну кућу или полицију."
                    ),
                    "sr-Latn": (
                        "Telefonska linija koja radi neprekidno: hitan savet, procena bezbednosti i "
                        "upućivanje u sigurnu kuću ili policiju."
                    ),
                    "en": (
                        "A line open round the clock: urgent advice, a safety check and referral to a safe "
                        "house or the police."
                    ),
                },
                "status": "active",
                "target_groups": ["victim_of_violence", "women", "children_at_risk"],
                "taxonomy_terms": ["counselling", "child_protection", "referral"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": "Позовите у било које доба; можете остати анонимни.",
                    "sr-Latn": "Pozovite u bilo koje doba; možete ostati anonimni.",
                    "en": "Call at any time; you can stay anonymous.",
                },
                "fees_description": {
                    "sr-Cyrl": "Позив је бесплатан.",
                    "sr-Latn": "Poziv je besplatan.",
                    "en": "The call is free.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Жене и деца који трпе насиље, као и сви који желе да пријаве насиље.",
                    "sr-Latn": "Žene i deca koji trpe nasilje, kao i svi koji žele da prijave nasilje.",
                    "en": "Women and children facing violence, and anyone who wants to report violence.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"],
                        "opens_at": "00:00",
                        "closes_at": "23:59",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "+381 22 000 010",
                "email": "",
                "url": "",
            },
            {
                "organization": "smitrovica-employment-service",
                "locations": [],
                "name": {
                    "sr-Cyrl": "Обуке и јавни радови за теже запошљива лица",
                    "sr-Latn": "Obuke i javni radovi za teže zapošljiva lica",
                    "en": "Trainings and public works for people who find it hard to get work",
                },
                "description": {
                    "sr-Cyrl": (
                        "Обуке за тржиште рада и привремени послови на јавним радовима за дугорочно "
                        "незапослене, Роме и особе са инвалидитетом."
                    ),
                    "sr-Latn": (
                        "Obuke za tržište rada i privremeni poslovi na javnim radovima za dugoročno "
                        "nezaposlene, Rome i osobe sa invaliditetom."
                    ),
                    "en": (
                        "Job-market trainings and temporary public-works jobs for long-term unemployed "
                        "people, Roma and people with disabilities."
                    ),
                },
                "status": "active",
                "target_groups": ["long_term_unemployed", "roma", "disability", "women"],
                "taxonomy_terms": ["employment", "training"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": (
                        "Пријавите се свом саветнику за запошљавање у филијали; места се попуњавају по "
                        "јавном позиву."
                    ),
                    "sr-Latn": (
                        "Prijavite se svom savetniku za zapošljavanje u filijali; mesta se popunjavaju po "
                        "javnom pozivu."
                    ),
                    "en": (
                        "Apply to your employment adviser at the branch; places are filled through a "
                        "public call."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно; учесници јавних радова примају накнаду.",
                    "sr-Latn": "Besplatno; učesnici javnih radova primaju naknadu.",
                    "en": "Free; public-works participants are paid.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Лица пријављена на евиденцију незапослених Филијале Сремска Митровица.",
                    "sr-Latn": "Lica prijavljena na evidenciju nezaposlenih Filijale Sremska Mitrovica.",
                    "en": "People registered as unemployed with the Sremska Mitrovica branch.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:30",
                        "closes_at": "15:30",
                    },
                ],
                "minimum_age": 18,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "smitrovica-city",
                "locations": [],
                "name": {
                    "sr-Cyrl": "Народна кухиња Сремска Митровица",
                    "sr-Latn": "Narodna kuhinja Sremska Mitrovica",
                    "en": "Sremska Mitrovica soup kitchen",
                },
                "description": {
                    "sr-Cyrl": (
                        "Топли оброк сваког дана, и суботом, за најугроженије грађане, уз пакете хране за "
                        "празнике."
                    ),
                    "sr-Latn": (
                        "Topli obrok svakog dana, i subotom, za najugroženije građane, uz pakete hrane za "
                        "praznike."
                    ),
                    "en": (
                        "A hot meal every day including Saturdays for the residents in greatest need, with "
                        "food parcels for holidays."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "elderly", "homeless"],
                "taxonomy_terms": ["food"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": (
                        "Право утврђује Центар за социјални рад; захтев се може поднети и преко "
                        "Канцеларије за смањење сиромаштва."
                    ),
                    "sr-Latn": (
                        "Pravo utvrđuje Centar za socijalni rad; zahtev se može podneti i preko "
                        "Kancelarije za smanjenje siromaštva."
                    ),
                    "en": (
                        "Eligibility is decided by the Centre for Social Work; you can also apply through "
                        "the poverty-reduction office."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Корисници новчане социјалне помоћи, старији без пензије и бескућници.",
                    "sr-Latn": "Korisnici novčane socijalne pomoći, stariji bez penzije i beskućnici.",
                    "en": (
                        "Recipients of social financial assistance, elderly people without a pension and "
                        "homeless people."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR", "SA"],
                        "opens_at": "11:00",
                        "closes_at": "13:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
        ],
    },
    "RS-RUMA": {
        "organizations": [
            {
                "key": "ruma-municipality",
                "organization_type": "municipality",
                "name": {
                    "sr-Cyrl": "Општина Рума",
                    "sr-Latn": "Opština Ruma",
                    "en": "Municipality of Ruma",
                },
                "description": {
                    "sr-Cyrl": (
                        "Општина у Срему која је отворила Канцеларију за смањење сиромаштва и сарађује са "
                        "Сремском Митровицом у пружању социјалних услуга."
                    ),
                    "sr-Latn": (
                        "Opština u Sremu koja je otvorila Kancelariju za smanjenje siromaštva i sarađuje "
                        "sa Sremskom Mitrovicom u pružanju socijalnih usluga."
                    ),
                    "en": (
                        "Municipality in Srem that opened a poverty-reduction office and works with "
                        "Sremska Mitrovica to deliver social services."
                    ),
                },
                "email": "socijalna@ruma.example.org",
                "website": "https://ruma.example.org",
                "phone": "+381 22 000 100",
                "address": {
                    "address_1": "Главна 107",
                    "city": "Рума",
                    "postal_code": "22400",
                    "country": "RS",
                },
            },
            {
                "key": "ruma-social-work-centre",
                "organization_type": "social_work_centre",
                "name": {
                    "sr-Cyrl": "Центар за социјални рад Рума",
                    "sr-Latn": "Centar za socijalni rad Ruma",
                    "en": "Centre for Social Work Ruma",
                },
                "alternate_name": {
                    "sr-Cyrl": "ЦСР Рума",
                    "sr-Latn": "CSR Ruma",
                    "en": "CSW Ruma",
                },
                "description": {
                    "sr-Cyrl": (
                        "Установа социјалне заштите која одлучује о правима грађана општине Рума и пружа "
                        "услуге саветовања и заштите породице."
                    ),
                    "sr-Latn": (
                        "Ustanova socijalne zaštite koja odlučuje o pravima građana opštine Ruma i pruža "
                        "usluge savetovanja i zaštite porodice."
                    ),
                    "en": (
                        "The social-protection institution that decides on the rights of Ruma residents "
                        "and provides counselling and family protection services."
                    ),
                },
                "email": "csr@ruma.example.org",
                "website": "",
                "phone": "+381 22 000 101",
                "address": {
                    "address_1": "Орловићева 1",
                    "city": "Рума",
                    "postal_code": "22400",
                    "country": "RS",
                },
            },
            {
                "key": "ruma-employment-service",
                "organization_type": "employment_agency",
                "name": {
                    "sr-Cyrl": (
                        "Национална служба за запошљавање – Филијала Сремска Митровица, испостава Рума"
                    ),
                    "sr-Latn": (
                        "Nacionalna služba za zapošljavanje – Filijala Sremska Mitrovica, ispostava Ruma"
                    ),
                    "en": "National Employment Service – Sremska Mitrovica branch, Ruma office",
                },
                "alternate_name": {
                    "sr-Cyrl": "НСЗ Рума",
                    "sr-Latn": "NSZ Ruma",
                    "en": "NES Ruma",
                },
                "description": {
                    "sr-Cyrl": (
                        "Служба у којој се незапослени пријављују на евиденцију, добијају савет о каријери "
                        "и укључују у мере активне политике запошљавања и јавне радове."
                    ),
                    "sr-Latn": (
                        "Služba u kojoj se nezaposleni prijavljuju na evidenciju, dobijaju savet o "
                        "karijeri i uključuju u mere aktivne politike zapošljavanja i javne radove."
                    ),
                    "en": (
                        "Office where unemployed people register, get career advice and join active "
                        "labour-market measures and public works."
                    ),
                },
                "email": "info@nsz.example.org",
                "website": "https://nsz.example.org",
                "phone": "+381 22 000 102",
                "address": {
                    "address_1": "Главна 150",
                    "city": "Рума",
                    "postal_code": "22400",
                    "country": "RS",
                },
            },
        ],
        "locations": [
            {
                "key": "ruma-poverty-office",
                "organization": "ruma-municipality",
                "name": {
                    "sr-Cyrl": "Канцеларија за смањење сиромаштва Рума",
                    "sr-Latn": "Kancelarija za smanjenje siromaštva Ruma",
                    "en": "Ruma poverty-reduction office",
                },
                "description": {
                    "sr-Cyrl": (
                        "Канцеларија у згради општине, отворена у оквиру пројекта међуопштинске сарадње."
                    ),
                    "sr-Latn": (
                        "Kancelarija u zgradi opštine, otvorena u okviru projekta međuopštinske saradnje."
                    ),
                    "en": (
                        "Office in the municipal building, opened under the inter-municipal cooperation "
                        "project."
                    ),
                },
                "address": {
                    "address_1": "Главна 107",
                    "city": "Рума",
                    "postal_code": "22400",
                    "country": "RS",
                },
                "latitude": 45.008,
                "longitude": 19.8225,
                "languages": ["sr-Cyrl", "sr-Latn"],
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:00",
                        "closes_at": "15:00",
                    },
                    {
                        "byday": ["WE"],
                        "opens_at": "15:00",
                        "closes_at": "18:00",
                    },
                ],
            },
            {
                "key": "ruma-day-centre",
                "organization": "ruma-municipality",
                "name": {
                    "sr-Cyrl": "Дневни центар за старија лица Рума",
                    "sr-Latn": "Dnevni centar za starija lica Ruma",
                    "en": "Ruma day centre for elderly people",
                },
                "description": {
                    "sr-Cyrl": (
                        "Клуб за старија лица са дневним активностима, оброком и здравственим саветима."
                    ),
                    "sr-Latn": (
                        "Klub za starija lica sa dnevnim aktivnostima, obrokom i zdravstvenim savetima."
                    ),
                    "en": "A club for elderly people with daytime activities, a meal and health advice.",
                },
                "address": {
                    "address_1": "Железничка 10",
                    "city": "Рума",
                    "postal_code": "22400",
                    "country": "RS",
                },
                "latitude": 45.006,
                "longitude": 19.818,
                "languages": ["sr-Cyrl", "sr-Latn"],
                "accessibility": {
                    "sr-Cyrl": "Приземље, рукохвати у ходнику и прилагођен тоалет.",
                    "sr-Latn": "Prizemlje, rukohvati u hodniku i prilagođen toalet.",
                    "en": "Ground floor, handrails in the corridor and an accessible toilet.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "16:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "09:00",
                        "closes_at": "13:00",
                    },
                ],
            },
        ],
        "services": [
            {
                "organization": "ruma-municipality",
                "locations": ["ruma-poverty-office"],
                "name": {
                    "sr-Cyrl": "Канцеларија за смањење сиромаштва",
                    "sr-Latn": "Kancelarija za smanjenje siromaštva",
                    "en": "Poverty-reduction office",
                },
                "description": {
                    "sr-Cyrl": (
                        "Информације, саветовање и помоћ у остваривању права за најугроженије грађане "
                        "Руме; за услуге којих у Руми нема, корисници се упућују у Сремску Митровицу."
                    ),
                    "sr-Latn": (
                        "Informacije, savetovanje i pomoć u ostvarivanju prava za najugroženije građane "
                        "Rume; za usluge kojih u Rumi nema, korisnici se upućuju u Sremsku Mitrovicu."
                    ),
                    "en": (
                        "Information, advice and help claiming rights for Ruma's residents in greatest "
                        "need; for services Ruma lacks, clients are referred to Sremska Mitrovica."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "unemployed", "roma", "women", "disability"],
                "taxonomy_terms": ["referral", "counselling"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": "Дођите без заказивања, уз личну карту.",
                    "sr-Latn": "Dođite bez zakazivanja, uz ličnu kartu.",
                    "en": "Drop in with your identity card.",
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Грађани општине Рума који живе у сиромаштву или тешким условима живота.",
                    "sr-Latn": "Građani opštine Ruma koji žive u siromaštvu ili teškim uslovima života.",
                    "en": "Ruma residents living in poverty or hard conditions.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:00",
                        "closes_at": "15:00",
                    },
                    {
                        "byday": ["WE"],
                        "opens_at": "15:00",
                        "closes_at": "18:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "+381 22 000 110",
                "email": "",
                "url": "",
            },
            {
                "organization": "ruma-municipality",
                "locations": [],
                "name": {
                    "sr-Cyrl": "Помоћ у кући за старија лица и особе са инвалидитетом",
                    "sr-Latn": "Pomoć u kući za starija lica i osobe sa invaliditetom",
                    "en": "Help at home for elderly and disabled people",
                },
                "description": {
                    "sr-Cyrl": (
                        "Свакодневна помоћ у кући коју пружају обучене геронтодомаћице: хигијена, исхрана, "
                        "одржавање стана и друштво."
                    ),
                    "sr-Latn": (
                        "Svakodnevna pomoć u kući koju pružaju obučene gerontodomaćice: higijena, ishrana, "
                        "održavanje stana i društvo."
                    ),
                    "en": (
                        "Everyday help at home from trained home helpers: hygiene, meals, housekeeping and "
                        "company."
                    ),
                },
                "status": "active",
                "target_groups": ["elderly", "disability"],
                "taxonomy_terms": ["home_care", "disability_support"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": (
                        "Захтев се подноси Центру за социјални рад; након процене корисник добија план "
                        "услуге."
                    ),
                    "sr-Latn": (
                        "Zahtev se podnosi Centru za socijalni rad; nakon procene korisnik dobija plan "
                        "usluge."
                    ),
                    "en": (
                        "Apply to the Centre for Social Work; after an assessment you get a service plan."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": (
                        "Учешће у цени према приходима домаћинства; бесплатно за кориснике новчане "
                        "социјалне помоћи."
                    ),
                    "sr-Latn": (
                        "Učešće u ceni prema prihodima domaćinstva; besplatno za korisnike novčane "
                        "socijalne pomoći."
                    ),
                    "en": (
                        "A share of the cost based on household income; free for recipients of social "
                        "financial assistance."
                    ),
                },
                "eligibility_description": {
                    "sr-Cyrl": (
                        "Старија лица и одрасли са инвалидитетом из Руме којима је потребна помоћ у "
                        "свакодневном животу."
                    ),
                    "sr-Latn": (
                        "Starija lica i odrasli sa invaliditetom iz Rume kojima je potrebna pomoć u "
                        "svakodnevnom životu."
                    ),
                    "en": "Elderly people and disabled adults in Ruma who need help with daily life.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR", "SA"],
                        "opens_at": "07:00",
                        "closes_at": "15:00",
                    },
                ],
                "minimum_age": 18,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "ruma-municipality",
                "locations": ["ruma-day-centre"],
                "name": {
                    "sr-Cyrl": "Дневни центар за старија лица",
                    "sr-Latn": "Dnevni centar za starija lica",
                    "en": "Day centre for elderly people",
                },
                "description": {
                    "sr-Cyrl": (
                        "Дружење, радионице, топли оброк и мерење притиска за старија лица, да мање "
                        "времена проводе сама."
                    ),
                    "sr-Latn": (
                        "Druženje, radionice, topli obrok i merenje pritiska za starija lica, da manje "
                        "vremena provode sama."
                    ),
                    "en": (
                        "Company, workshops, a hot meal and blood-pressure checks for elderly people, so "
                        "they spend less time alone."
                    ),
                },
                "status": "active",
                "target_groups": ["elderly"],
                "taxonomy_terms": ["day_care", "food"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": "Упис у центру, уз личну карту.",
                    "sr-Latn": "Upis u centru, uz ličnu kartu.",
                    "en": "Sign up at the centre with your identity card.",
                },
                "fees_description": {
                    "sr-Cyrl": (
                        "Бесплатно; оброк се плаћа према ценовнику, осим за кориснике социјалне помоћи."
                    ),
                    "sr-Latn": (
                        "Besplatno; obrok se plaća prema cenovniku, osim za korisnike socijalne pomoći."
                    ),
                    "en": (
                        "Free; meals are charged at listed prices except for recipients of social assistance."
                    ),
                },
                "eligibility_description": {
                    "sr-Cyrl": "Лица старија од 65 година из Руме.",
                    "sr-Latn": "Lica starija od 65 godina iz Rume.",
                    "en": "People over 65 living in Ruma.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "08:00",
                        "closes_at": "16:00",
                    },
                    {
                        "byday": ["SA"],
                        "opens_at": "09:00",
                        "closes_at": "13:00",
                    },
                ],
                "minimum_age": 65,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "ruma-employment-service",
                "locations": [],
                "name": {
                    "sr-Cyrl": "Радна активација и јавни радови",
                    "sr-Latn": "Radna aktivacija i javni radovi",
                    "en": "Work activation and public works",
                },
                "description": {
                    "sr-Cyrl": (
                        "Саветовање о запошљавању, клуб за тражење посла и јавни радови у сарадњи са "
                        "јавним предузећима општине."
                    ),
                    "sr-Latn": (
                        "Savetovanje o zapošljavanju, klub za traženje posla i javni radovi u saradnji sa "
                        "javnim preduzećima opštine."
                    ),
                    "en": (
                        "Employment advice, a job club and public works together with the municipality's "
                        "public enterprises."
                    ),
                },
                "status": "active",
                "target_groups": ["unemployed", "long_term_unemployed", "roma", "single_parent", "women"],
                "taxonomy_terms": ["employment", "training"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": (
                        "Пријава у испостави уз личну карту; корисници Канцеларије за смањење сиромаштва "
                        "могу доћи са упутом."
                    ),
                    "sr-Latn": (
                        "Prijava u ispostavi uz ličnu kartu; korisnici Kancelarije za smanjenje siromaštva "
                        "mogu doći sa uputom."
                    ),
                    "en": (
                        "Register at the office with your identity card; clients of the poverty-reduction "
                        "office can come with a referral."
                    ),
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": (
                        "Незапослени са пребивалиштем у Руми, са предношћу за Роме, самохране родитеље и "
                        "жене."
                    ),
                    "sr-Latn": (
                        "Nezaposleni sa prebivalištem u Rumi, sa prednošću za Rome, samohrane roditelje i "
                        "žene."
                    ),
                    "en": (
                        "Unemployed people living in Ruma, with priority for Roma, single parents and women."
                    ),
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:30",
                        "closes_at": "15:30",
                    },
                ],
                "minimum_age": 15,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
            {
                "organization": "ruma-social-work-centre",
                "locations": [],
                "name": {
                    "sr-Cyrl": "Једнократна новчана помоћ",
                    "sr-Latn": "Jednokratna novčana pomoć",
                    "en": "One-off financial assistance",
                },
                "description": {
                    "sr-Cyrl": (
                        "Једнократна помоћ у новцу или натури за појединце и породице који су се изненада "
                        "нашли у стању социјалне потребе."
                    ),
                    "sr-Latn": (
                        "Jednokratna pomoć u novcu ili naturi za pojedince i porodice koji su se iznenada "
                        "našli u stanju socijalne potrebe."
                    ),
                    "en": (
                        "A one-off payment in cash or kind for people and families who suddenly find "
                        "themselves in social need."
                    ),
                },
                "status": "active",
                "target_groups": ["social_assistance_recipient", "single_parent", "children_at_risk"],
                "taxonomy_terms": ["financial_assistance"],
                "languages": ["sr-Cyrl", "sr-Latn"],
                "application_process": {
                    "sr-Cyrl": "Захтев се подноси Центру за социјални рад са доказима о стању потребе.",
                    "sr-Latn": "Zahtev se podnosi Centru za socijalni rad sa dokazima o stanju potrebe.",
                    "en": "Apply to the Centre for Social Work with proof of your need.",
                },
                "fees_description": {
                    "sr-Cyrl": "Бесплатно.",
                    "sr-Latn": "Besplatno.",
                    "en": "Free of charge.",
                },
                "eligibility_description": {
                    "sr-Cyrl": "Грађани Руме у изненадној социјалној потреби.",
                    "sr-Latn": "Građani Rume u iznenadnoj socijalnoj potrebi.",
                    "en": "Ruma residents in sudden social need.",
                },
                "schedules": [
                    {
                        "byday": ["MO", "TU", "WE", "TH", "FR"],
                        "opens_at": "07:00",
                        "closes_at": "15:00",
                    },
                ],
                "minimum_age": None,
                "maximum_age": None,
                "phone": "",
                "email": "",
                "url": "",
            },
        ],
    },
}
