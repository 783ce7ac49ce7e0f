"""Names for the cross-script and organisation sets (see build_sets.py).

Cross-script: people written in Latin letters as UK forms and source lists write
them, and the same names in another script as they are written there (from
general knowledge; standard spellings, not transliterations made by a tool).
`different` names share a surname with a listed one but are other people.

Organisations: invented company names (so no real company is named), each with
a legal form; `forms` are the ways one legal form is written; `one_word_apart`
are pairs of organisation names that differ in one word and are different
organisations.
"""

CROSS_SCRIPT: dict[str, dict] = {
    "arabic": {
        "same": [
            ("Muhammad Abbas", "محمد عباس"),
            ("Hassan Nasrallah", "حسن نصر الله"),
            ("Khalid Mishal", "خالد مشعل"),
            ("Yusuf al-Qaradawi", "يوسف القرضاوي"),
            ("Ayman al-Zawahiri", "أيمن الظواهري"),
            ("Ismail Haniyeh", "إسماعيل هنية"),
        ],
        "different": [
            ("حسن عباس", "Muhammad Abbas"),
            ("محمود عباس", "Muhammad Abbas"),
            ("خالد حنية", "Ismail Haniyeh"),
        ],
    },
    "cyrillic": {
        "same": [
            ("Vladimir Ivanov", "Владимир Иванов"),
            ("Sergei Petrov", "Сергей Петров"),
            ("Dmitry Medvedev", "Дмитрий Медведев"),
            ("Yevgeny Prigozhin", "Евгений Пригожин"),
            ("Aleksandr Dugin", "Александр Дугин"),
            ("Olga Smirnova", "Ольга Смирнова"),
        ],
        "different": [
            ("Иван Петров", "Sergei Petrov"),
            ("Ольга Иванова", "Vladimir Ivanov"),
            ("Алексей Дугин", "Aleksandr Dugin"),
        ],
    },
    "greek": {
        "same": [
            ("Dimitris Koufontinas", "Δημήτρης Κουφοντίνας"),
            ("Nikos Papadopoulos", "Νίκος Παπαδόπουλος"),
            ("Georgios Ioannou", "Γεώργιος Ιωάννου"),
            ("Christos Tsigaridas", "Χρήστος Τσιγαρίδας"),
            ("Savvas Xiros", "Σάββας Ξηρός"),
            ("Eleni Karagianni", "Ελένη Καραγιάννη"),
        ],
        "different": [
            ("Νίκος Ιωάννου", "Georgios Ioannou"),
            ("Μαρία Παπαδοπούλου", "Nikos Papadopoulos"),
            ("Χρήστος Ξηρός", "Savvas Xiros"),
        ],
    },
    "chinese": {
        "same": [
            ("Zhang Wei", "张伟"),
            ("Wang Fang", "王芳"),
            ("Li Qiang", "李强"),
            ("Liu Yang", "刘洋"),
            ("Chen Jie", "陈杰"),
            ("Huang Xiaoming", "黄晓明"),
        ],
        "different": [("张强", "Zhang Wei"), ("王伟", "Wang Fang"), ("陈洋", "Chen Jie")],
    },
    "hangul": {
        "same": [
            ("Kim Jong Un", "김정은"),
            ("Park Ji-sung", "박지성"),
            ("Lee Min-ho", "이민호"),
            ("Choi Seung-hyun", "최승현"),
            ("Jung Ho-yeon", "정호연"),
            ("Kang Min-jun", "강민준"),
        ],
        "different": [("김민준", "Kim Jong Un"), ("박민호", "Park Ji-sung"), ("이지성", "Lee Min-ho")],
        # the given name's two syllables written as one Latin word, against the listing in
        # Hangul (Jongun for 정은); and another given name so written must not flag it
        "joined": [
            ("Kim Jongun", "김정은"),
            ("Park Jisung", "박지성"),
            ("Lee Minho", "이민호"),
            ("Choi Seunghyun", "최승현"),
            ("Jung Hoyeon", "정호연"),
            ("Kang Minjun", "강민준"),
        ],
        "joined_different": [("Kim Jongil", "김정은"), ("Park Jiho", "박지성"), ("Lee Minsu", "이민호")],
    },
    "devanagari": {
        "same": [
            ("Rajesh Kumar", "राजेश कुमार"),
            ("Sunita Sharma", "सुनीता शर्मा"),
            ("Amit Patel", "अमित पटेल"),
            ("Vikram Singh", "विक्रम सिंह"),
            ("Priya Gupta", "प्रिया गुप्ता"),
            ("Anil Deshmukh", "अनिल देशमुख"),
        ],
        "different": [
            ("सुनील कुमार", "Rajesh Kumar"),
            ("अनीता शर्मा", "Sunita Sharma"),
            ("अमित देशमुख", "Anil Deshmukh"),
        ],
    },
}

ORGANISATIONS = {
    "bases": [
        "Zorvath Trading",
        "Melkior Shipping",
        "Karvanex Holdings",
        "Tessaly Petroleum",
        "Ombrivo Logistics",
        "Quenfold Metals",
        "Brastelle Finance",
        "Vantorik Engineering",
    ],
    # One legal form written several ways: the first is listed, the others asked.
    "forms": [
        ["AG", "Aktiengesellschaft"],
        ["LLC", "Limited Liability Company", "Ltd", "Limited"],
        ["JSC", "OAO", "PJSC", "Joint Stock Company"],
        ["GmbH", "LLC"],
        ["S.A.", "SA", "JSC"],
        ["Sp. z o.o.", "LLC"],
    ],
    # Other invented names for the one-word-apart pairs, so that the only listed
    # name close to the query is the one it must not match.
    "pair_bases": [
        "Halvorne Marine",
        "Drusetti Capital",
        "Perquell Mining",
        "Ostravine Energy",
        "Caldrevic Textiles",
        "Nirvesta Pharma",
        "Yelmoth Aviation",
        "Saverine Agro",
    ],
    "one_word_apart": [
        ("{base} Trust", "{base} Bank"),
        ("{base} (Sweden)", "{base} (Finland)"),
        ("{base} Society", "{base} Army"),
        ("{base} Project", "{base} Front"),
    ],
}
