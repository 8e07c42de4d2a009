"""`bpc check` and a generated service must judge text the same way.

For each constraint (lengths in code points, patterns in the blueprint dialect, exact decimal
bounds) and each text on which naive implementations disagree (UTF-16 units against code points,
regular-expression engines against the dialect, doubles against decimals), the checker's verdict
on the text as a field's default must equal the generated service's verdict on it as input. The
backend test scripts make the service's verdicts with their own runtime (Zod, Pydantic); this
module writes the blueprints, asks the checker, and compares.
"""

import pathlib

from build_examples import run

# Constraints (as type aliases) and texts on which naive implementations disagree.
STRING_ALIASES = {
    "Max1": '@maxLength(1)',
    "Min2": '@minLength(2)',
    "Exactly2": '@minLength(2) @maxLength(2)',
    "OneChar": '@pattern("^.$")',
    "TwoChars": '@pattern("^.{2}$")',
    "NoSpace": '@pattern("^\\\\S+$")',
    "Digit": '@pattern("^\\\\d$")',
    "Word": '@pattern("^\\\\w+$")',
    "Abc": '@pattern("^abc$")',
    "ALineB": '@pattern("^a.b$")',
    "Dashed": '@pattern("^a\\\\-b$")',
    "Email": '@format(email)',
}
STRING_TEXTS = ["é", "😀", "e\u0301", "😀😀", "ab", "a\u00a0b", "a\nb", "a\rb", "a\u2028b", "abc\n", "abc",
                "\u0663", "1", "a-b", "x@y.z", "x@y\u00a0.z"]
# Decimal bounds against values a double rounds onto them: compared exactly by both.
DECIMAL_ALIASES = {
    "AtMostTenth": '@max(0.1)',
    "AtLeastMinusTenth": '@min(-0.1)',
    "AtMostThousand": '@max(1e3)',
}
DECIMAL_TEXTS = ["0.1", "0.10000000000000000001", "0.09999999999999999999", "-0.1", "-0.10000000000000000001",
                 "1000", "1000.0000000000000001", "999.99", "0"]


def blueprint_literal(text):
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 0x20 or ord(c) > 0x7e:
            out.append("\\u{%X}" % ord(c))
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


# (base type, aliases, values, the value as a blueprint literal)
GROUPS = [("string", STRING_ALIASES, STRING_TEXTS, blueprint_literal),
          ("decimal", DECIMAL_ALIASES, DECIMAL_TEXTS, lambda text: text)]


def texts_by_alias():
    """What the service judges: [{"aliases": [...], "texts": [...]}, ...] (JSON for its script)."""
    return [{"aliases": list(table), "texts": texts} for _, table, texts, _ in GROUPS]


class Agreement:
    """The checker's verdicts, and the blueprint whose service the backend judges with."""

    def __init__(self, bpc, temp, fail):
        self.fail = fail
        aliases = "".join(f"type {name} = {base} {constraint}\n"
                          for base, table, _, _ in GROUPS for name, constraint in table.items())
        header = 'blueprint Agreement {\n  version "1.0.0"\n}\n\n' + aliases
        self.checker = {}
        for _, table, texts, literal in GROUPS:
            for name in table:
                for index, text in enumerate(texts):
                    probe = pathlib.Path(temp) / f"probe-{name}-{index}.bpl"
                    probe.write_text(header + f"entity Probe {{\n  id: uuid @id @generated\n  value: {name} = "
                                     f"{literal(text)}\n}}\n")
                    result = run([bpc, "check", str(probe)])
                    if result.returncode not in (0, 1) or (result.returncode == 1 and "BP2022" not in result.stderr):
                        fail(f"bpc check {probe} failed unexpectedly ({result.returncode})\n{result.stderr}")
                    self.checker[(name, index)] = result.returncode == 0
        self.blueprint = pathlib.Path(temp) / "agreement.bpl"
        fields = "".join(f"  {name[0].lower() + name[1:]}: {name}?\n" for _, table, _, _ in GROUPS for name in table)
        self.blueprint.write_text(header + f"entity Holder {{\n  id: uuid @id @generated\n{fields}}}\n")

    def compare(self, verdicts):
        """Fails unless the service's verdicts ({alias: [bool per text]}) are the checker's."""
        disagreements = []
        for _, table, texts, _ in GROUPS:
            for name in table:
                for index, text in enumerate(texts):
                    if self.checker[(name, index)] != verdicts[name][index]:
                        disagreements.append(f"{name} {table[name]} on {text!r}: bpc check "
                                             f"{'accepts' if self.checker[(name, index)] else 'rejects'}, the "
                                             f"service {'accepts' if verdicts[name][index] else 'rejects'}")
        for line in disagreements:
            print("FAIL:", line)
        if disagreements:
            self.fail(f"{len(disagreements)} disagreements")
        rejected = sum(1 for verdict in self.checker.values() if not verdict)
        print(f"{len(self.checker)} verdicts agree ({rejected} rejections)")
        # The cases this exists for: a double would round these onto the bound and accept them.
        for name, text in (("AtMostTenth", "0.10000000000000000001"), ("AtLeastMinusTenth", "-0.10000000000000000001"),
                           ("AtMostThousand", "1000.0000000000000001")):
            if self.checker[(name, DECIMAL_TEXTS.index(text))]:
                self.fail(f"{name} {DECIMAL_ALIASES[name]} accepts {text}")
