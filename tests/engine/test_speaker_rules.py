"""Speaker rules and first-person commitments inside quotes (issue 10). All text invented for the test."""


def speakers(run, text):
    return {q["text"].strip(" ,."): q["speaker"] for q in run(text)["quotes"]}


def stances(run, text):
    return {(c["actor"], c["stance"]) for c in run(text)["commitments"]}


def test_we_in_a_quote_is_the_country_its_office_holder_speaks_for(run):
    text = (
        'Polish President Anna Nowak spoke after the summit. "We will send two battalions to the border," Nowak said.'
    )
    assert ("Poland", "committed") in stances(run, text)


def test_i_in_a_quote_is_the_speaker(run):
    text = '"I will resign if the budget vote fails," said the party leader, John Smythe.'
    assert ("John Smythe", "conditional") in stances(run, text)


def test_we_in_a_quote_by_a_person_without_office_is_that_person(run):
    text = 'Maria Costa runs the shelter. "We will not close the kitchen this winter," Maria Costa said.'
    assert ("Maria Costa", "declined") in stances(run, text)


def test_first_person_rhetoric_of_obligation_is_not_a_pledge(run):
    text = '"We have to move faster on housing," Maria Costa told the council.'
    assert stances(run, text) == set()


def test_an_unnamed_spokesperson_speaks_for_the_organisation(run):
    text = '"The clinics are running out of vaccines," said a spokesperson for the World Health Organization.'
    assert speakers(run, text) == {"The clinics are running out of vaccines": "World Health Organization"}


def test_a_report_speaks_for_whoever_issued_it(run):
    text = (
        "The International Monetary Fund published its annual review on Tuesday. "
        '"Growth will slow sharply in the second half of the year," the report said.'
    )
    assert speakers(run, text) == {
        "Growth will slow sharply in the second half of the year": "International Monetary Fund"
    }


def test_a_title_without_a_name_is_the_person_who_holds_it(run):
    text = (
        "German Chancellor Karl Brandt met union leaders in Berlin. "
        '"Nobody will lose a pension under this plan," the chancellor said.'
    )
    assert speakers(run, text) == {"Nobody will lose a pension under this plan": "Karl Brandt"}


def test_a_quote_opening_a_new_sentence_takes_the_previous_attribution(run):
    text = 'Karl Brandt told reporters that the talks had gone well. "We are closer than we have ever been to a deal."'
    assert speakers(run, text) == {"We are closer than we have ever been to a deal": "Karl Brandt"}


def test_a_quote_after_a_sentence_that_reports_nobody_stays_unattributed(run):
    text = 'The talks resumed on Monday in a hotel by the lake. "Nobody expects a deal before the spring."'
    assert speakers(run, text) == {"Nobody expects a deal before the spring": None}


def test_a_statement_which_read_speaks_for_whoever_released_it(run):
    text = (
        "The World Health Organization issued a statement which read "
        '"The outbreak is far from over and every country must stay alert."'
    )
    assert speakers(run, text) == {
        "The outbreak is far from over and every country must stay alert": ("World Health Organization")
    }


def test_a_sentence_announcing_the_following_comment_attributes_the_next_quote(run):
    text = (
        "Senator Jane Harlow, who chairs the farming committee, gave the following remarks after the vote.\n"
        ' "This bill will cost our farmers dearly and we will amend it in committee."'
    )
    assert speakers(run, text) == {
        "This bill will cost our farmers dearly and we will amend it in committee": ("Jane Harlow")
    }


def test_a_clause_before_a_colon_introduces_the_quote(run):
    text = (
        "The World Bank lent more money this year. The Ministry of Finance of Kenya defended the loan on Monday: "
        '"The terms are fair and the money will build roads."'
    )
    assert speakers(run, text) == {"The terms are fair and the money will build roads": "Ministry of Finance"}


def test_according_to_a_title_and_name_is_the_person(run):
    text = 'According to Acme University economist Jane Roe, "Growth will slow before it picks up in the spring."'
    assert speakers(run, text) == {"Growth will slow before it picks up in the spring": "Jane Roe"}


def test_part_of_a_ruling_reads_is_the_ruling_owner(run):
    text = (
        "Judge Mary Lund ruled on the case in May. An excerpt of Lund's ruling reads "
        '"the rule cannot stand in its present form, and the agency must write it again."'
    )
    assert speakers(run, text) == {
        "the rule cannot stand in its present form, and the agency must write it again": "Mary Lund"
    }


def test_the_following_statement_from_a_person(run):
    text = 'The agency put out a statement from Tom Vale, its director: "We will review every contract."'
    assert speakers(run, text) == {"We will review every contract": "Tom Vale"}
