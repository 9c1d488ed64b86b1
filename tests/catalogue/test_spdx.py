import pytest

from fabrique.core import spdx


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MIT", "MIT"),
        ("mit", "MIT"),
        ("apache-2.0", "Apache-2.0"),
        ("GPL-2.0", "GPL-2.0-only"),
        ("GPL-3.0+", "GPL-3.0-or-later"),
        ("AGPL-3.0-or-later", "AGPL-3.0-or-later"),
        ("(MIT or Apache-2.0) and LGPL-2.1+", "(MIT OR Apache-2.0) AND LGPL-2.1-or-later"),
        ("Apache-2.0 WITH LLVM-exception", "Apache-2.0 WITH LLVM-exception"),
        ("LicenseRef-Proprietaire", "LicenseRef-Proprietaire"),
        ("CECILL-2.1", "CECILL-2.1"),
        ("", ""),
    ],
)
def test_canonical_expressions(text, expected):
    assert spdx.canonical(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Licence maison", "GPL", "MIT AND", "(MIT", "MIT Apache-2.0", "MIT WITH inconnue", "AND MIT"],
)
def test_invalid_expressions_say_why_in_french(text):
    with pytest.raises(spdx.LicenceError) as error:
        spdx.canonical(text)
    assert f"Licence « {text} » : ce n'est pas une expression SPDX valide" in str(error.value)
    assert "Exemples : MIT" in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GPL V2.0", "GPL-2.0-only"),
        ("AGPL-3", "AGPL-3.0-only"),
        ("LGPL-v2.1", "LGPL-2.1-only"),
        ("BSD-3.0", "BSD-3-Clause"),
        ("CPA", "CPAL-1.0"),
        ("MPL 2.0 et EPL 1.0", "MPL-2.0 AND EPL-1.0"),
        ("LGPL-2.1, LGPL-2.0,  LGPL-3.0", "LGPL-2.1-only AND LGPL-2.0-only AND LGPL-3.0-only"),
        ("GPL-2.0-only / LGPL-2.0-only", "GPL-2.0-only OR LGPL-2.0-only"),
        ("MPL-2.0, GPL-2.0, LGPL-2.0, CeCILL-2.2",
         "MPL-2.0 AND GPL-2.0-only AND LGPL-2.0-only AND LicenseRef-CeCILL-2.2"),
        ("N/A", ""),
        ("", ""),
    ],
)  # fmt: skip
def test_sill_spellings_become_spdx(text, expected):
    assert spdx.from_legacy(text) == expected


def test_a_legacy_text_that_is_no_licence_is_refused():
    with pytest.raises(spdx.LicenceError, match="Licence « Licence maison »"):
        spdx.from_legacy("Licence maison")


def test_identifiers_of_an_expression():
    assert spdx.identifiers(
        "(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0"
    ) == [
        "MIT",
        "Apache-2.0",
        "GPL-2.0-only",
    ]
