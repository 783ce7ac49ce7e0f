"""Names for the name-forms set (see build_name_forms.py).

Six ways one name is written differently, and for each the look-alike that is
another name. Written from general knowledge before the matcher was run on
them; the people's family names and the organisations' distinctive words are
invented (so no real person or group is named), the given names and the name
parts (particles, numbers, type nouns) are real ones.
"""

# Invented rare family names: the only distinctive word a query shares with its listing.
RARE_SURNAMES = [
    "Vexmoor",
    "Drathani",
    "Kelzari",
    "Ombrecht",
    "Tavrossi",
    "Quillane",
    "Sarvedo",
    "Halvesk",
    "Dunmarrow",
    "Yorvanti",
]
# Common family names of several origins (the general list weighs them low).
COMMON_SURNAMES = [
    "Khan",
    "Smith",
    "Patel",
    "Kim",
    "Nguyen",
    "Murphy",
    "Kowalski",
    "Okafor",
    "Ahmed",
    "Yilmaz",
]

# -- 1. numbers ----------------------------------------------------------------
# Each number with its ordinal and cardinal spellings (the first of each is listed).
NUMBERS: dict[int, dict[str, list[str]]] = {
    1: {"ordinal": ["First", "1st"], "cardinal": ["One", "1"]},
    2: {"ordinal": ["Second", "2nd"], "cardinal": ["Two", "2"], "roman": ["II"]},
    3: {"ordinal": ["Third", "3rd"], "cardinal": ["Three", "3"], "roman": ["III"]},
    4: {"ordinal": ["Fourth", "4th"], "cardinal": ["Four", "4"], "roman": ["IV"]},
    7: {"ordinal": ["Seventh", "7th"], "cardinal": ["Seven", "7"], "roman": ["VII"]},
    12: {"ordinal": ["Twelfth", "12th"], "cardinal": ["Twelve", "12"], "roman": ["XII"]},
    17: {"ordinal": ["Seventeenth", "17th"], "cardinal": ["Seventeen", "17"]},
    18: {"ordinal": ["Eighteenth", "18th"], "cardinal": ["Eighteen", "18"]},
    21: {"ordinal": ["Twenty-First", "21st"], "cardinal": ["Twenty-One", "21", "Twenty One"]},
    44: {"ordinal": ["Forty-Fourth", "44th"], "cardinal": ["Forty-Four", "44", "Forty Four"]},
    88: {"ordinal": ["Eighty-Eighth", "88th"], "cardinal": ["Eighty-Eight", "88"]},
    313: {"ordinal": ["313th"], "cardinal": ["313", "Three Hundred and Thirteen"]},
}
# Numbers a careless or hostile writer could put for another (a digit off, or swapped).
NUMBER_LOOKALIKES: dict[int, list[int]] = {
    1: [2, 7],
    2: [3, 12],
    3: [2, 4],
    4: [44, 7],
    7: [1, 17],
    12: [21, 2],
    17: [7, 18],
    18: [88, 17],
    21: [12, 2],
    44: [4, 88],
    88: [18, 44],
    313: [3, 12],
}
NUMBER_ORG_WORDS = [
    "Vardoran",
    "Kelthrin",
    "Ostmarra",
    "Brevaunt",
    "Tallowmere",
    "Quistarra",
    "Morvenna",
    "Dralquist",
    "Hestravel",
    "Corbanis",
    "Ulmarrach",
    "Pellinore",
]
# {n} is a number written one way; a listed name uses its first spelling of that kind.
NUMBER_ORG_TEMPLATES = {
    "ordinal": "{n} {word} Brigade",
    "cardinal": "{word} Column {n}",
}
# People with a generational number (II, III): the Roman numeral against 2nd and the Second.
NUMBER_PEOPLE = [
    ("Karvel", "Dunmarrow"),
    ("Tobias", "Yorvanti"),
    ("Augustin", "Sarvedo"),
    ("Emeric", "Halvesk"),
]

# -- 2. words written as one or apart ---------------------------------------------
# (apart, together): the same name. Given names first, then family names.
JOINED_GIVEN = [
    ("Abu Bakr", "Abubakr"),
    ("Abd Allah", "Abdallah"),
    ("Nasr Allah", "Nasrallah"),
    ("Habib Allah", "Habibullah"),
    ("Nur Allah", "Nurullah"),
    ("Ali Reza", "Alireza"),
    ("Mohammad Reza", "Mohammadreza"),
    ("Abu Zaid", "Abuzaid"),
    ("Mary Ann", "Maryann"),
    ("Jean Pierre", "Jeanpierre"),
    ("Jong Un", "Jongun"),
    ("Ji Hoon", "Jihoon"),
    ("Min Jun", "Minjun"),
    ("Xiao Ming", "Xiaoming"),
    ("Zhi Qiang", "Zhiqiang"),
]
JOINED_FAMILY = [
    ("De Souza", "Desouza"),
    ("Le Roux", "Leroux"),
    ("Mac Donald", "Macdonald"),
    ("Della Rosa", "Dellarosa"),
    ("Van Dijk", "Vandijk"),
    ("Ben Ali", "Benali"),
    ("Al Hassan", "Alhassan"),
    ("El Sayed", "Elsayed"),
    ("Fitz Gerald", "Fitzgerald"),
    ("Di Marco", "Dimarco"),
    ("Da Silva", "Dasilva"),
]
# Given names to go with the family names above.
JOINED_FAMILY_GIVEN = ["Tamsin", "Idris", "Oriel", "Kasimir", "Anwen", "Thaddeus", "Ysolde", "Leandro"]
# (apart, together): a different name that runs together one letter or two from it.
JOINED_LOOKALIKES = [
    ("Mary Ann", "Maryam"),
    ("Ji Hoon", "Jihyun"),
    ("Min Jun", "Minjung"),
    ("Jong Un", "Jongil"),
    ("Xiao Ming", "Xiaomin"),
    ("Zhi Qiang", "Zhiqing"),
    ("Fitz Gerald", "Fitzgerard"),
    ("Ben Ali", "Benani"),
    ("Di Marco", "Dimarzo"),
    ("Della Rosa", "Dellarossi"),
]
# Organisations: (apart, together), the together form as the press writes it.
JOINED_ORGS = [
    ("Hizb Allah", "Hizbollah"),
    ("Ansar Allah", "Ansarullah"),
    ("Jund Allah", "Jundullah"),
    ("Al Shabaab", "Alshabab"),
    ("Boko Haram", "Bokoharam"),
    ("Sayf Allah", "Saifullah"),
]
JOINED_ORG_WORDS = ["Vesterhal", "Korrindal", "Amberlune"]

# -- 3. a much longer listed name -----------------------------------------------------
# Chains of given name, father's name, grandfather's name and a family or tribal name.
# Each listed chain is asked as given + family, family + given and given + father's name.
LONG_CHAINS = {
    "arabic": [
        ("Marwan", "bin", "Yusuf", "bin", "Hamdan", "al-Tamrawi"),
        ("Muhammad", "bin", "Nawwaf", "bin", "Zuhair", "al-Qarshani"),
        ("Thamer", "bin", "Ali", "bin", "Jaber", "al-Harmoushi"),
        ("Ahmed", "bin", "Ghassan", "bin", "Raed", "al-Sabrawi"),
        ("Shadi", "bin", "Ibrahim", "bin", "Tayseer", "al-Dhuwaibi"),
    ],
    "somali": [
        ("Abdirahman", "Mohamed", "Abdullahi", "Warsame", "Dhuubow"),
        ("Hodan", "Ali", "Farah", "Jama", "Qoorsheel"),
        ("Abdiweli", "Hassan", "Nur", "Ismail", "Gaarsame"),
    ],
    "iberian": [
        ("María", "José", "García", "López", "Urquidez"),
        ("Juan", "Carlos", "Fernández", "de la", "Vega", "Albaracín"),
        ("João", "Pedro", "Carvalho", "dos", "Santos", "Quintela"),
    ],
    "ethiopian": [
        ("Tesfaye", "Gebremedhin", "Haile", "Woldearegay", "Bekuretsion"),
        ("Meseret", "Alemayehu", "Tadesse", "Gebrekidan", "Zerihunesh"),
    ],
}
# Common given names of several origins: chains made only of these and of common
# family names, asked as given + family, must not flag on common words alone (the
# partial-match evidence gate).
COMMON_GIVEN = [
    "Muhammad",
    "Ahmed",
    "Ali",
    "Hassan",
    "John",
    "David",
    "Maria",
    "Anne",
    "Mehmet",
    "Ayse",
    "Emeka",
    "Kwame",
    "Fatima",
    "Sarah",
]

# -- 4. word order where it carries identity -------------------------------------------
# "X bin Y" is X, son of Y: (X, particle, Y) listed, Y particle X is another person.
PATRONYMICS = [
    ("Salman", "bin", "Muhammad"),
    ("Khalid", "bin", "Faisal"),
    ("Nayef", "bin", "Sultan"),
    ("Turki", "bin", "Talal"),
    ("Mishaal", "bin", "Bandar"),
    ("Abdullah", "bin", "Omar"),
    ("Yusuf", "ibn", "Ahmed"),
    ("Hamza", "bin", "Usama"),
    ("Yosef", "ben", "David"),
    ("Moshe", "ben", "Avraham"),
    ("Eliezer", "ben", "Yehuda"),
    ("Fatima", "bint", "Khalid"),
]
PATRONYMIC_FAMILIES = ["al-Vexmoori", "al-Kelzari"]

# -- 5. one rare word and generic type nouns --------------------------------------------
# One word per phrase below, so that every phrase is listed once.
TYPE_ORG_WORDS = [
    "Kelvaro",
    "Drummorane",
    "Ostrevia",
    "Quillmoor",
    "Belcastra",
    "Tavrenna",
    "Marrowick",
    "Zendrava",
    "Ilvastre",
    "Corvellin",
    "Brannoch",
    "Sulvetta",
    "Feldrossa",
    "Omberlain",
]
TYPE_PHRASES = [
    "Liberation Army",
    "Cultural Society",
    "Youth Project",
    "Popular Front",
    "Heritage Trust",
    "Martyrs Brigade",
    "Community Association",
    "Resistance Movement",
    "Relief Foundation",
    "Solidarity Network",
    "Trust",
    "Society",
    "Group",
    "Holdings",
]
# Legal forms: (listed, asked), both written after the name.
TYPE_LEGAL_FORMS = [("Limited", "Ltd"), ("CIC", ""), ("", "Ltd")]

# -- 6. initials --------------------------------------------------------------------------
# Invented family names for this class only (an initial fits many listed names).
INITIAL_SURNAMES = [
    "Tellmark",
    "Brodzinsky",
    "Farquarson",
    "Okwuosa",
    "Lindqvarn",
    "Marcheval",
    "Szerevany",
    "Haldorsen",
    "Quarrington",
    "Belvoiran",
    "Nettlecombe",
    "Drovanski",
    "Esterhaal",
    "Moravcin",
    "Pendarvis",
    "Ravensholt",
]
# Given names (several starting with letters that are also Roman numerals: V, X, D, C, M, L, I).
INITIAL_GIVEN = [
    "Karim",
    "Victor",
    "Xavier",
    "Dorian",
    "Carmen",
    "Marek",
    "Layla",
    "Ines",
    "Sunita",
    "Tomasz",
]
# Two given names written together as initials (JC) or one by one (J. C.).
INITIAL_DOUBLE_GIVEN = [
    ("Jean", "Claude"),
    ("Mohammed", "Ali"),
    ("Anna", "Maria"),
    ("Ravi", "Shankar"),
    ("Hye", "Jin"),
    ("Jan", "Piet"),
]
