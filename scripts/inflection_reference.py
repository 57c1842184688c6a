"""The 28 forms of a noun by qazaq-inflector (sg/pl × none/px3 × 7 cases), shared by the
fixture scripts so that reference.tsv and heldout.tsv are made the same way."""

CASES = ["nominative", "genitive", "dative", "accusative", "locative", "ablative", "instrumental"]
CODES = ["nom", "gen", "dat", "acc", "loc", "abl", "ins"]


def paradigm(q, w):
    """(number, possessive, case code, form) for each of the 28 forms of w."""
    for number in ["sg", "pl"]:
        for poss in ["-", "px3"]:
            for case, code in zip(CASES, CODES):
                if poss == "px3":
                    form = q.possessive(w, "3", case, plural=(number == "pl"))
                elif number == "pl":
                    form = q.declension(w)[case][1]
                else:
                    form = q.inflect(w, case)
                yield number, poss, code, form
