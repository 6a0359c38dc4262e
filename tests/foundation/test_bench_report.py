"""bench/report.py: benchmarks write their own figures into docs/benchmarks.md, one section each."""

from bench.report import capture, section, write_section


def test_a_run_replaces_its_own_section_and_keeps_the_others(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nIntro kept as written.\n", encoding="utf-8")
    write_section("extract", section("extract", "Engine", "python bench/extract.py", "speed 0.80"), doc)
    write_section("api", section("api", "API", "python bench/api.py", "277 req/s"), doc)
    write_section("extract", section("extract", "Engine", "python bench/extract.py", "speed 0.85"), doc)
    text = doc.read_text(encoding="utf-8")
    assert "Intro kept as written." in text
    assert "speed 0.85" in text and "speed 0.80" not in text
    assert "277 req/s" in text
    assert text.count("<!-- bench:extract -->") == 1
    assert text.index("<!-- bench:extract -->") < text.index("<!-- bench:api -->")  # the section stays in place


def test_capture_prints_and_records_the_date_and_machine(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NEWSROOM_BENCH_NO_REPORT", raising=False)
    doc = tmp_path / "benchmarks.md"
    with capture("demo", "Demo bench", argv=["bench/demo.py", "--quick"], doc=doc):
        print("42 things/s")
    assert "42 things/s" in capsys.readouterr().out
    text = doc.read_text(encoding="utf-8")
    assert "## Demo bench" in text and "42 things/s" in text
    assert "`python bench/demo.py --quick`" in text
    assert " UTC, on " in text and "cores" in text


def test_no_report_leaves_the_file_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSROOM_BENCH_NO_REPORT", "1")
    doc = tmp_path / "benchmarks.md"
    with capture("demo", "Demo bench", argv=["bench/demo.py"], doc=doc):
        print("x")
    assert not doc.exists()
