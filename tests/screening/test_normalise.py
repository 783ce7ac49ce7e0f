import pytest
from hypothesis import given
from hypothesis import strategies as st

from screening.normalise import name_tokens, normalise, skeleton, words_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Al-Qa'ida", "al qaida"),
        ("AL QA’IDA", "al qaida"),
        ("Hizb ut-Tahrir", "hizb ut tahrir"),
        ("Ｍｕｈａｍｍａｄ", "muhammad"),  # full-width letters (NFKC)
        ("José Müller-Lüdenscheidt", "jose muller ludenscheidt"),
        ("Straße", "strasse"),
        ("Аль-Каида", "al kaida"),  # Cyrillic
        ("  many   spaces\t", "many spaces"),
        ("O'Neill", "oneill"),
        ("", ""),
        ("!!!", ""),
    ],
)
def test_normalise_folds_case_accents_scripts_and_punctuation(text, expected):
    assert normalise(text) == expected


def test_normalise_transliterates_arabic_script_to_latin_letters():
    assert normalise("محمد") == "mhmd"


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Ansar el-Islam", "organisation", ["ansar", "al", "islam"]),
        ("Ansar ul Islam", "organisation", ["ansar", "al", "islam"]),
        ("Hizb-ut-Tahrir", "organisation", ["hizb", "al", "tahrir"]),
        ("Abdulrahman Ibn Saleh", "person", ["abd", "rahman", "bin", "saleh"]),
        ("Abdel Rahman ben Saleh", "person", ["abd", "rahman", "bin", "saleh"]),
        ("Abou Karim", "person", ["abu", "karim"]),
        ("Dr Sheikh Tariq Hallam", "person", ["tariq", "hallam"]),
        ("Mr", "person", ["mr"]),  # a name that is only a title stays as written
        ("Dr Foster Trust", "organisation", ["dr", "foster", "trust"]),
        ("Al", "person", ["al"]),  # an article with nothing after it is a name
    ],
)
def test_name_tokens_fold_particles_and_drop_titles_of_people(text, kind, expected):
    assert name_tokens(text, kind) == expected


def test_words_of_equals_name_tokens_of_normalised_text():
    assert words_of(normalise("Sheikh Abdulaziz al-Tamimi"), "person") == [
        "abd",
        "aziz",
        "al",
        "tamimi",
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("muhammad", "mohammed"),
        ("mohamed", "muhammad"),
        ("osama", "usama"),
        ("yusuf", "yousef"),
        ("youssef", "yusuf"),
        ("hussain", "husayn"),
        ("zainab", "zaynab"),
    ],
)
def test_skeleton_puts_spelling_families_together(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("omar", "khalid"), ("samir", "tamer"), ("kara", "karim")])
def test_skeleton_keeps_different_names_apart(a, b):
    assert skeleton(a) != skeleton(b)


def test_skeleton_of_empty_word_is_empty():
    assert skeleton("") == ""


@given(st.text())
def test_normalise_is_idempotent_and_ascii_on_any_unicode(text):
    once = normalise(text)

    assert normalise(once) == once
    assert once.isascii()


@given(st.text(), st.sampled_from(["person", "organisation"]))
def test_name_tokens_never_raise_and_give_plain_words(text, kind):
    words = name_tokens(text, kind)

    assert all(w and w.isascii() and " " not in w for w in words)
    assert name_tokens(" ".join(words), kind) == words


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=30))
def test_skeleton_never_raises(word):
    assert isinstance(skeleton(word), str)
