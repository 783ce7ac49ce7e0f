"""Word order where it carries identity: "X bin Y" is X, son of Y.

A name with a patronymic particle (bin, bint, ibn, ben; folded to bin and
bint by screening.normalise) says who is whose child: in "Salman bin
Muhammad" Salman is the person and Muhammad his father, so "Muhammad bin
Salman" is another person (the son, or the father, of a Salman). In a chain
("Marwan bin Yusuf bin Hamdan") a middle word is both: Yusuf is Marwan's
father and Hamdan's son.

Each word gets a role from the particles around it: `CHILD` when a patronymic
particle follows it, `FATHER` when one precedes it, both in a chain, none
without a particle. Two words conflict, and may not pair, when one is only a
child (the person the name is about) and the other is a father (someone's
father in the other name): "Yusuf bin Hamdan" is the father of "Marwan bin
Yusuf bin Hamdan", not the man himself. Names without particles have no roles
and pair in any order ("SURNAME, Given" reorders; "BIN MUHAMMAD, Salman"
keeps Muhammad after its particle).
"""

PATRONYMIC_PARTICLES = frozenset({"bin", "bint"})
CHILD = 1
FATHER = 2


def patronymic_roles(words: list[str]) -> list[int]:
    """Each word's roles (CHILD | FATHER bits); empty when the name has no particle."""
    if PATRONYMIC_PARTICLES.isdisjoint(words):
        return []
    roles = [0] * len(words)
    for i, word in enumerate(words):
        if word not in PATRONYMIC_PARTICLES or i + 1 == len(words):
            continue  # "Salman, Muhammad bin": a particle with nothing after it says nothing
        roles[i + 1] |= FATHER
        if i > 0 and words[i - 1] not in PATRONYMIC_PARTICLES:
            roles[i - 1] |= CHILD
    return roles


def roles_conflict(a: int, b: int) -> bool:
    """One word is the person (a child only), the other someone's father."""
    return (a == CHILD and bool(b & FATHER)) or (b == CHILD and bool(a & FATHER))
