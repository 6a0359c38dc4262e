"""Unusable input gives a clear EngineInputError; non-English gives a language and a warning."""

import pytest

from apps.extraction.engine import EngineInputError, extract


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t  \n", "empty"),
        ("\x00\x01\x02binary\x00" * 50, "binary"),
        ("12345 67890 !!! ??? ...", "no words"),
        ("\"\"\"''''''“”", "no words"),
    ],
)
def test_unusable_text(text, message):
    with pytest.raises(EngineInputError, match=message):
        extract(text)


def test_not_text():
    with pytest.raises(EngineInputError):
        extract(None)  # type: ignore[arg-type]


def test_only_noise_has_no_sentences():
    with pytest.raises(EngineInputError, match="no sentences"):
        extract("Related article: Something happened somewhere\n\nPhoto: A man walks. Reuters")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le président français a déclaré mardi que la France enverrait des troupes en Ukraine après un accord.", "fr"),
        ("Der Bundeskanzler sagte am Dienstag, Deutschland werde über eine Beteiligung später entscheiden.", "de"),
        ("El presidente del Gobierno afirmó que España no enviará tropas a Ucrania este año.", "es"),
    ],
)
def test_non_english_extracts_nothing(text, lang):
    result = extract(text)
    assert result.language == lang
    assert not (result.actors or result.quotes or result.claims or result.commitments)
    assert result.warnings and "not in English" in result.warnings[0]


def test_short_english_is_english():
    assert extract("Italy said no.").language == "en"


def test_html_fragment_offsets_and_tags_ignored():
    text = "<p>Germany will send <b>200</b> engineers to Ukraine, officials said.</p>"
    result = extract(text)
    names = {a.name for a in result.actors}
    assert {"Germany", "Ukraine"} <= names
    for a in result.actors:
        for m in a.mentions:
            assert text[m.start : m.end] == m.text
