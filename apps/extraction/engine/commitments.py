"""Commitments from the dependency parse: actor + stance + action + condition.

A clause yields a commitment when its verb is a verb of pledging, refusing, opposing,
considering or deferring, or when a modal marks intent ("will join", "will not send",
"could help"). The actors are the subject and its conjuncts (or the agent of a passive),
resolved to actors (names, demonyms with government nouns, pronouns). Conditions come from
"if/unless/once/provided ..." clauses. Clauses inside an "if" clause are conditions, not
commitments. One sentence can yield several commitments.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from .actors import np_actors
from .actors.government import _main_country
from .actors.state import ActorState
from .clean import BODY, join_broken_words
from .context import Context
from .speakers import release_issuer
from .stance_patterns import Hit, pattern_hits
from .types import Commitment, Quote

_DATA = json.loads((Path(__file__).parent / "data" / "stances.json").read_text(encoding="utf-8"))
COMMIT_VERBS = frozenset(_DATA["commit_verbs"])  # "backed the plan", "joined the coalition": committed
CALL_FOR_VERBS = frozenset(_DATA["call_for_verbs"])  # "called for talks": committed to what it asks
OBLIGATION_WORDS = frozenset(_DATA["obligation_adjectives"])  # "is bound to", "is required to"
INTENT_VERBS = frozenset(_DATA["intent_verbs"])  # "wants to join", "aims to cut"
AGREEMENT_NOUNS = frozenset(_DATA["agreement_nouns"])  # "under the agreement, X will ..."
CONCERN_NOUNS = frozenset(_DATA["concern_nouns"])  # "objections from X", "X voiced concern"
OWNER_PREPS = frozenset(_DATA["owner_preps"])
VOICE_VERBS = frozenset(_DATA["voice_verbs"])
CONDEMNING = frozenset(_DATA["condemning_words"])  # "X called it unjustified"
FORECAST = frozenset(_DATA["forecast_words"])  # "is expected to", "analysts expect it to": a prediction
IMPERSONAL = frozenset(_DATA["impersonal_subjects"])
ORG_NOUNS = frozenset(_DATA["organisation_nouns"])  # "the agency declined": the organisation named before
OPPOSE_VERBS = frozenset(_DATA["oppose_verbs"])  # "criticised the levy", "sued the regulator"
AS_NEEDED = frozenset(_DATA["as_needed"])  # "will act as needed": committed on a condition
CLAUSE_MARKS = frozenset(_DATA["temporal_marks"])  # "until Sweden joined", "as he proposed": an event, no stance
DECISION_VERBS = frozenset(_DATA["decision_verbs"])  # "banned the airline", "imposed a levy": a set course
COMMITTED_ADJ = frozenset(_DATA["committed_adjectives"])  # "we are committed to keeping ..."
FEELING = frozenset(_DATA["feeling_words"])  # "X was disappointed by the ruling": X holds the feeling
WITHDRAW_VERBS = frozenset(_DATA["withdraw_verbs"])  # "withdrew from the talks", "pulled out of the deal"
FIRST_PERSON = {"we", "i"}
PERSONAL = {"he", "she", "i", "we", "you", "they"}
SPEAK_OF = {"speak", "talk", "stress", "emphasise", "emphasize", "underline", "highlight", "recall", "mention"}
OWN_POSS = {"his", "her", "its", "their", "our", "my"}
UNIT_NOUNS = frozenset(_DATA["unit_nouns"])  # "X's store", "X's army": a part acting for its owner
# "X said / concluded / insisted the levy was unacceptable": a verdict reported as X's own
VERDICT_REPORTING = {
    "say",
    "conclude",
    "declare",
    "insist",
    "argue",
    "maintain",
    "state",
    "add",
    "claim",
    "agree",
    "protest",
    "complain",
    "contend",
}
FORMERLY = {"previously", "earlier", "formerly", "once", "initially", "originally"}
DOCUMENT_NOUNS = frozenset(_DATA["document_nouns"])  # "the agreement will ...": a text, not an actor
NOT_DONE = frozenset(_DATA["not_done_verbs"])  # "did not concede", "has not complied": declined
NOT_JOINED = frozenset(_DATA["not_joined_verbs"])  # "did not sign / ratify / join": declined, not opposed
DEAL_VERBS = frozenset(_DATA["deal_verbs"]) | {"sign"}  # "reached a deal with X": X is a party to it too
EVENT_NOUNS = frozenset(_DATA["event_nouns"])  # "joined the summit as a guest": attending, not a stance
GROUP_HEADS = frozenset(_DATA["group_heads"])  # "a number of senators", "members of the union": the group named
INCLUDING = frozenset(_DATA["including_preps"])  # "firms including A and B": the names listed
ASKING = frozenset(_DATA["urge_verbs"]) | frozenset(_DATA["demand_verbs"])  # "asking X to", "urging that"
ISSUE_VERBS = frozenset(_DATA["issue_verbs"])  # "X published the report": X speaks through it
# "the report calls for / stresses the need for / recommends ...": a call its issuer makes
CALLING_VERBS = CALL_FOR_VERBS | frozenset(_DATA["emphasis_verbs"]) | frozenset(_DATA["urge_verbs"]) | {"recommend"}
# "X's refusal to comply", "X's commitment to partnering": a noun of stance owned by X -> X's stance
STANCE_NOUNS = {k: v for k, v in _DATA["stance_nouns"].items() if not k.startswith("_")}

PLEDGE = {
    "pledge",
    "commit",
    "promise",
    "vow",
    "undertake",
    "guarantee",
    "swear",
    "resolve",
    "volunteer",
    "offer",
    "agree",
    "plan",
    "intend",
    "prepare",
    "decide",
    "announce",
}
REFUSE = {"refuse", "decline", "balk", "rule"}
HABITUAL = {"offer", "guarantee"}
OPPOSE = {"oppose", "reject", "object", "veto", "block", "condemn", "resist", "denounce"}
CONSIDER = {"consider", "weigh", "mull", "study", "explore", "contemplate", "evaluate", "assess", "ponder", "debate"}
DEFER = {"postpone", "delay", "defer", "hesitate"}
INTENT_NOUNS = {"plan", "intention", "intent"}
# verbs that carry a stance themselves; any other verb takes its stance from a modal ("will send")
STANCE_LEMMAS = (
    PLEDGE | REFUSE | OPPOSE | CONSIDER | DEFER | COMMIT_VERBS | DECISION_VERBS | CALL_FOR_VERBS | INTENT_VERBS
)
NEG_OPPOSE = {
    "agree",
    "accept",
    "allow",
    "permit",
    "tolerate",
    "support",
    "back",
    "endorse",
    "approve",
    "recognise",
    "recognize",
}
OPEN_NOUNS = {"openness", "willingness", "readiness"}
NO_CAUSE_NOUNS = {"reason", "need", "case", "cause", "grounds", "justification"}
PLEDGE_NOUNS = {"commitment", "pledge", "promise", "guarantee", "vow"}
HEDGES = {"likely", "probably", "possibly", "perhaps", "maybe", "reportedly", "allegedly"}
LIGHT_VERBS = {
    "express",
    "voice",
    "signal",
    "show",
    "indicate",
    "declare",
    "state",
    "confirm",
    "reaffirm",
    "reiterate",
    "renew",
    "make",
    "give",
}
STATIVE = {
    "be",
    "have",
    "remain",
    "seem",
    "become",
    "need",
    "want",
    "like",
    "know",
    "think",
    "believe",
    "say",
    "tell",
    "happen",
    "mean",
    "cost",
    "suffer",
    "experience",
    "struggle",
    "die",
    "lose",
    "receive",
    "benefit",
    "fall",
    "face",
    "see",
    "get",
    "find",
    "look",
    "feel",
    "appear",
    "include",
}
WILLING_ADJ = {
    "ready": "committed",
    "prepared": "committed",
    "determined": "committed",
    "eager": "committed",
    "willing": "open",
    "open": "open",
    "reluctant": "undecided",
    "unwilling": "declined",
}
# "was proud to back the plan", "was pleased to sign it": a stance verb said with pleasure is still the stance
GLAD_ADJ = {"proud", "pleased", "happy", "glad", "delighted", "honoured", "honored"}
READY_ADJ = {"present", "ready", "prepared", "involved", "part", "there"}
CONDITION_MARKS = {"if", "unless", "provided", "providing", "assuming"}
# "once the panel reports, X will act": a time the actor expects, recorded as the condition but no proviso
TEMPORAL_MARKS = {"when", "after", "before", "until", "whenever", "once"}


def _children(tok: Any, deps: tuple[str, ...]) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def _in_conditional_clause(tok: Any, stop: Any) -> bool:
    t = tok
    for _ in range(12):
        if t.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITION_MARKS | {"whether"} for c in t.children
        ):
            return True
        if t.head.i == t.i or t.i == stop.i:
            return False
        t = t.head
    return False


WH_WORDS = {"how", "whether", "what", "which", "why", "when", "where"}


def _open_question(verb: Any) -> bool:
    """'decided how she would vote', 'whether to send': an open question, not a commitment."""
    if verb.dep_ in ("ccomp", "xcomp", "advcl", "pcomp") and any(
        c.lower_ in WH_WORDS and c.dep_ in ("advmod", "mark", "dobj", "nsubj") and c.i < verb.i for c in verb.children
    ):
        return True
    return verb.head.lemma_.lower() in CONSIDER | {"decide", "ask", "wonder", "know"} and verb.dep_ in ("ccomp",)


def _modal(verb: Any, kids: list[Any] | None = None) -> tuple[str | None, bool]:
    """(modal, negated); ``kids``: the verb's children, when the caller already has them."""
    modal = None
    neg = False
    for c in verb.children if kids is None else kids:
        if c.dep_ in ("aux", "auxpass"):
            low = c.lower_
            if low in ("will", "'ll", "shall", "wo"):
                modal = "will"
            elif low in ("would", "'d"):
                modal = modal or "would"
            elif low in ("could", "might", "may"):
                modal = modal or ("could" if low == "could" else "may")
            elif low in ("can", "ca"):
                modal = modal or "can"
            elif low == "must":
                modal = modal or "must"
            elif low in ("should", "ought"):
                modal = modal or "should"
        if c.dep_ == "neg" or c.lower_ in ("not", "n't", "never"):
            neg = True
    return modal, neg


def _condition(verb: Any, ctx: Context) -> tuple[str | None, bool]:
    """(condition text, is it a real condition rather than a time)."""
    for c in verb.children:
        if c.dep_ != "advcl":
            continue
        marks = [m.lower_ for m in c.children if m.dep_ == "mark"]
        if not marks and c.i > verb.i:
            # "at the appropriate time once ..." sometimes hangs off a noun: look one level down
            pass
        if any(m in CONDITION_MARKS for m in marks):
            return _span_text(ctx, c.subtree), True
        if any(m in TEMPORAL_MARKS for m in marks):
            return _span_text(ctx, c.subtree), False
    for tok in verb.subtree:
        if tok.dep_ == "mark" and tok.lower_ in CONDITION_MARKS and tok.head.i != verb.i and tok.head.dep_ == "advcl":
            if _through_conjunct(tok.head.head, verb):
                continue  # "agreed to sign the pact and deploy troops if attacked": the proviso binds one act
            return _span_text(ctx, tok.head.subtree), True
    # "Iran said it would allow inspectors, but only if ...": the condition hangs off the reporting verb
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.i != verb.i:
        for c in verb.head.children:
            if (
                c.dep_ in ("advcl", "ccomp", "conj")
                and c.i > verb.i
                and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
            ):
                return _span_text(ctx, c.subtree), True
    return None, False


def _through_conjunct(tok: Any, top: Any) -> bool:
    """The way up from ``tok`` to ``top`` passes a conjoined verb: a second act of a list, not ``top`` itself."""
    t = tok
    for _ in range(12):
        if t.i == top.i or t.head.i == t.i:
            return False
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX"):
            return True
        t = t.head
    return False


def _span_text(ctx: Context, toks: Any) -> str:
    toks = list(toks)
    if not toks:
        return ""
    start = ctx.tstart(toks[0])
    end = ctx.tend(toks[-1])
    return " ".join(join_broken_words(ctx.text[start:end]).split())[:200]


_NO_QUOTE_MARKS = str.maketrans("", "", '"“”„«»')


def _action(ctx: Context, verb: Any, skip: set[int]) -> str:
    toks = []
    for t in verb.subtree:
        if t.i < verb.i or t.i in skip:
            continue
        toks.append(t)
    # cut at the first conjoined clause or condition
    out = []
    for t in toks:
        if t.i in skip:
            break
        out.append(t)
    if not out:
        return verb.text
    text = ctx.text[ctx.tstart(out[0]) : ctx.tend(out[-1])]
    # quotation marks belong to the quote, not to the action: 'sites "for the time being' reads badly
    text = " ".join(join_broken_words(text).translate(_NO_QUOTE_MARKS).split())
    comma = text.find(", ")
    if comma > 0:
        text = text[:comma]
    return text.strip(" ,;:\"'")[:160]


def _skip_set(verb: Any) -> set[int]:
    skip: set[int] = set()
    for c in verb.children:
        if (
            c.dep_ in ("advcl", "conj", "cc", "nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "mark")
            and c.i > verb.i
        ):
            skip.update(t.i for t in c.subtree)
    return skip


def _subjects(
    ctx: Context, verb: Any, speakers: dict[tuple[int, int], str] | None = None, voice: Voice | None = None
) -> list[str]:
    subj = _children(verb, ("nsubj", "nsubjpass"))
    passive = (
        any(c.dep_ == "auxpass" for c in verb.children)
        and verb.lower_ not in OBLIGATION_WORDS | COMMITTED_ADJ  # "is committed to": X's own stance
        and verb.lemma_.lower() not in FEELING
    )
    keys: list[str] = []
    if passive:
        for agent in _children(verb, ("agent",)):
            for pobj in _children(agent, ("pobj",)):
                for t in [pobj, *pobj.conjuncts]:
                    keys.extend(k for k in np_actors(ctx, t) if k not in keys)
                if not keys:
                    keys.extend(k for k in _group_members(ctx, pobj) if k not in keys)
        if not keys and not _children(verb, ("agent",)) and any(s.lemma_.lower() in LAW_NOUNS for s in subj):
            keys.extend(_lawmaker(ctx, verb, voice))  # "new rules will be brought in": by the government
        return keys
    if not subj and verb.dep_ in ("relcl", "acl") and _to_infinitive(verb) and verb.head.dep_ == "attr":
        subj = _children(verb.head.head, ("nsubj",))  # "X was the first leader to refuse": X refused
    t = verb
    hops = 0
    while not subj and (t.dep_ in ("xcomp", "conj") or (t.dep_ == "advcl" and t.tag_ == "VBG")) and hops < 3:
        t = t.head
        subj = _children(t, ("nsubj",))
        hops += 1
    for s in subj:
        if s.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
            s = verb.head
        unquoted = voice is not None and ctx.in_quote(ctx.tstart(s)) is None
        if s.lower_ in FIRST_PERSON and (speakers or unquoted):
            if _modal(verb)[0] == "must" or verb.lemma_.lower() == "have":
                continue  # "we have to act now", "we must do more": rhetoric, not a pledge of the speaker
            if unquoted and voice is not None:
                keys.extend(k for k in (voice.me if s.lower_ == "i" else voice.us) if k not in keys)
            else:
                key = _first_person(ctx, s, speakers or {})
                if key and key not in keys:
                    keys.append(key)
            continue
        # (not when negated: '"This government will not accept that as normal"' is rhetoric about a state of
        # affairs more often than a refusal of a named act)
        own_government = not unquoted and s.lemma_.lower() in ("government", "administration") and _speakers_own(s)
        if own_government and not _modal(verb)[1]:
            home = _speakers_country(ctx, s, speakers or {})  # '"Our Government has committed to ...," X says'
            if home is not None:
                if home not in keys:
                    keys.append(home)
                continue
        if unquoted and voice is not None and s.lemma_.lower() in OWNED_BY_SPEAKER:
            if any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in s.children):
                keys.extend(k for k in voice.us if k not in keys)  # "My cabinet intends to", "my budget cuts"
                continue
        document = _document_before(s) if s.lower_ == "it" else None
        if document is not None:
            if verb.lemma_.lower() in CALLING_VERBS:  # "The report ... . It calls for ...": its issuer's call
                keys.extend(k for k in _document_issuer(ctx, document) if k not in keys)
            continue  # "The bill does not set a timetable and it does not call for ...": the bill again
        if s.lemma_.lower() in DOCUMENT_NOUNS:
            # "the agreement will expand trade", "the memorandum aims to": a text commits no one by itself;
            # "Chile's plan will cut ..." commits its owner
            owned = [
                k
                for o in _children(s, ("poss",))
                if o.lower_ not in FIRST_PERSON | {"my", "our"}
                for k in np_actors(ctx, o)
            ]
            if not owned and verb.lemma_.lower() in CALLING_VERBS:
                owned = _document_issuer(ctx, s)  # "the report calls for ...": the body that issued the report
            keys.extend(k for k in owned if k not in keys)
            continue
        # "the MOU intends to": an actor named after a document ("Memorandum of ...") commits no one either
        direct = [k for k in np_actors(ctx, s) if not _document_name(ctx, k)]
        # "the US utility PG&E began ...": a name used as a modifier of the subject's own name is not an actor here
        listed = [t for t in _listed(s) if not (direct and t.dep_ in ("compound", "nmod") and _is_modifier_of(t, s))]
        keys.extend(k for k in direct if k not in keys)
        for tok in [*s.conjuncts, *listed]:
            keys.extend(k for k in np_actors(ctx, tok) if k not in keys and not _document_name(ctx, k))
        if not keys:
            keys.extend(k for k in _group_members(ctx, s) if k not in keys)
        if not keys and s.lemma_.lower() in UNIT_NOUNS:
            for owner in _children(s, ("poss",)):  # "the firm's store in the capital also limited sales"
                keys.extend(k for k in np_actors(ctx, owner) if k not in keys and ctx.actors[k].kind != "person")
        if not keys and s.lower_ == "they" and verb.dep_ == "ccomp":
            # "Senators A and B announced that they will ...": the people named in the reporting subject
            for rep in _children(verb.head, ("nsubj",)):
                for tok in rep.subtree:
                    if tok.pos_ == "PROPN":
                        keys.extend(k for k in np_actors(ctx, tok) if k not in keys)
        if not keys:
            keys.extend(_named_before(ctx, s))
    return keys


def _document_issuer(ctx: Context, noun: Any) -> list[str]:
    """Who issued a document: the agent of "published by X" in its own phrase, else the subject (or agent) of
    the last "X issued / published / released ..." in the sentences before it."""
    for tok in noun.subtree:
        if tok.lemma_.lower() in ISSUE_VERBS:
            found = [k for a in _children(tok, ("agent",)) for p in _children(a, ("pobj",)) for k in np_actors(ctx, p)]
            if found:
                return found
    at = ctx.tstart(noun)
    k = bisect_left(ctx.sent_starts, at)  # the sentences are in text order: no walk over the whole article
    before = ctx.sents[max(0, k - 40) : k]
    for sent in reversed(before):
        for tok in sent.span:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in ISSUE_VERBS or ctx.tstart(tok) >= at:
                continue
            agents = [p for a in _children(tok, ("agent",)) for p in _children(a, ("pobj",))]
            found = [k for t in agents or _children(tok, ("nsubj",)) for k in np_actors(ctx, t)]
            if found:
                return found
    return []


def _speakers_own(noun: Any) -> bool:
    """ "our government", "this Government": the speaker's own, said inside a quote."""
    return any(
        (c.dep_ == "poss" and c.lower_ == "our") or (c.dep_ == "det" and c.lower_ == "this") for c in noun.children
    )


def _speakers_country(ctx: Context, tok: Any, speakers: dict[tuple[int, int], str]) -> str | None:
    """The country a quote's speaker governs: the office the speaker holds in this article, else the country
    "the government" stands for in it (a minister quoted in a government's own release)."""
    span = ctx.in_quote(ctx.tstart(tok))
    speaker = speakers.get(span) if span else None
    if speaker is None:
        return None
    return _office_country(ctx, speaker) or _main_country(ActorState(ctx))


LAW_NOUNS = {"legislation", "bill", "law", "regulation", "measure", "amendment"}


def _lawmaker(ctx: Context, verb: Any, voice: Voice | None) -> list[str]:
    """Who will bring in a law announced in the passive: the author of a statement in the first person
    ("my government"), else the country "the government" stood for in the text before."""
    if _modal(verb)[0] not in ("will", "would"):
        return []
    if voice is not None and voice.us:
        return voice.us
    for m in ctx.mentions_before(ctx.tstart(verb), window=2000):
        if m.via == "government":
            return [m.key]
    return []


def _document_before(pron: Any) -> Any:
    """The document a pronoun stands for: the first subject of its sentence ("The amendment ..., and it ..."),
    or of the sentence before when the pronoun is its sentence's first subject ("The report ... . It calls
    for ..."); None when that subject is not a document."""
    sent = pron.sent
    for t in sent:
        if t.i >= pron.i:
            break
        if t.dep_ in ("nsubj", "nsubjpass"):
            return t if t.lemma_.lower() in DOCUMENT_NOUNS else None
    if sent.start == 0:
        return None
    for t in pron.doc[sent.start - 1].sent:
        if t.dep_ in ("nsubj", "nsubjpass"):
            return t if t.lemma_.lower() in DOCUMENT_NOUNS else None
    return None


# "Project <Name>" is a thing even when the model calls it a person; a person may be called "Bill"
_THING_FIRST_WORDS = {"project", "initiative"}


def _document_name(ctx: Context, key: str) -> bool:
    rec = ctx.actors.get(key)
    if rec is None:
        return False
    first = rec.name.split()[0].lower()
    return first in DOCUMENT_NOUNS and (rec.kind != "person" or first in _THING_FIRST_WORDS)


def _is_modifier_of(tok: Any, s: Any) -> bool:
    """``tok`` modifies ``s`` through compounds only (no conjunct or apposition on the way): "US utility X"."""
    t = tok
    while t.i != s.i:
        if t.dep_ not in ("compound", "nmod", "amod"):
            return False
        t = t.head
    return True


def _joined_by(ctx: Context, verb: Any, target: Any) -> list[str]:
    """ "A joined B and C to file a motion": B and C hold the stance on what they came together to do."""
    if verb.lemma_.lower() != "join" or target is not verb:
        return []
    # "A joined B in withdrawing from the deal": B withdraws too, whatever kind of actor it is
    joint_act = any(p.lower_ == "in" and _children(p, ("pcomp",)) for p in _children(verb, ("prep",)))
    if not joint_act and not any(c.dep_ in ("advcl", "xcomp") and _to_infinitive(c) for c in verb.children):
        return []
    keys: list[str] = []
    for obj in _children(verb, ("dobj",)):
        for tok in [obj, *obj.conjuncts, *_listed(obj)]:
            keys.extend(
                k for k in np_actors(ctx, tok) if k not in keys and (joint_act or ctx.actors[k].kind == "person")
            )
    return keys


def _deal_partners(ctx: Context, verb: Any) -> list[str]:
    """ "A entered into a pact with B", "A signed a deal with B": B is bound by the deal as well."""
    if verb.lemma_.lower() not in DEAL_VERBS:
        return []
    deals = [o for o in _children(verb, ("dobj",)) if o.lemma_.lower() in AGREEMENT_NOUNS]
    deals += [o for p in _children(verb, ("prep",)) if p.lower_ == "into" for o in _children(p, ("pobj",))]
    deals = [d for d in deals if d.lemma_.lower() in AGREEMENT_NOUNS]
    if not deals:
        return []
    keys: list[str] = []
    for owner in (verb, *deals):
        for prep in _children(owner, ("prep",)):
            if prep.lower_ != "with":
                continue
            for pobj in _children(prep, ("pobj",)):
                for tok in [pobj, *pobj.conjuncts]:
                    keys.extend(k for k in np_actors(ctx, tok) if k not in keys)
    return keys


def _companions(ctx: Context, verb: Any) -> list[str]:
    """ "A, together with B, will sign", "A, along with B, will sign": B acts with the subject."""
    withs = []
    for owner in [verb, *_children(verb, ("nsubj",))]:
        for prep in _children(owner, ("prep",)):
            if prep.lower_ == "with" and any(c.lower_ in ("together", "along") for c in prep.children):
                withs.append(prep)
            elif prep.lower_ in ("together", "along"):
                withs.extend(p for p in _children(prep, ("prep",)) if p.lower_ == "with")
            elif prep.lower_ == "with" and prep.i > 0 and prep.doc[prep.i - 1].lower_ in ("together", "along"):
                withs.append(prep)
    keys: list[str] = []
    for prep in withs:
        for pobj in _children(prep, ("pobj",)):
            for tok in [pobj, *pobj.conjuncts]:
                keys.extend(k for k in np_actors(ctx, tok) if k not in keys)
    return keys


def _group_members(ctx: Context, noun: Any) -> list[str]:
    """A subject that names its actors inside it: "a number of senators" and "members of the union" (the group
    after "of"), "firms including A, B and C" and "parties such as A" (the names listed)."""
    keys: list[str] = []
    for prep in noun.children:
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        if word == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such":
            word = "such as"
        if word == "of" and noun.lemma_.lower() in GROUP_HEADS:
            targets = _children(prep, ("pobj",))
        elif word in INCLUDING:
            targets = _children(prep, ("pobj",))
        else:
            continue
        for pobj in targets:
            for tok in [pobj, *pobj.conjuncts, *_listed(pobj)]:
                keys.extend(k for k in np_actors(ctx, tok) if k not in keys)
            if not keys and word == "of":
                keys.extend(k for k in _group_members(ctx, pobj) if k not in keys)  # "a number of members of X"
    return keys


def _first_person(ctx: Context, pron: Any, speakers: dict[tuple[int, int], str]) -> str | None:
    """ "We will send troops," X said: "I" is the speaker; "we" the country X speaks for when X holds an
    office of it in this article, else X."""
    span = ctx.in_quote(ctx.tstart(pron))
    key = speakers.get(span) if span else None
    if key is None:
        return None
    if pron.lower_ == "we":
        return _office_country(ctx, key) or key
    return key


def _office_country(ctx: Context, key: str) -> str | None:
    """The country a person holds an office of in this article ("the Prime Minister of Peru, Ana Roe")."""
    rec = ctx.actors.get(key)
    if rec is None or rec.kind != "person":
        return None
    codes = {code for (code, _role), person in ctx.roles.items() if person == key and code}
    if len(codes) != 1:
        return None
    code = next(iter(codes))
    return next((r.key for r in ctx.actors.values() if r.kind == "country" and r.code == code), None)


class Voice(NamedTuple):
    """Who an unquoted first person is in a statement written in it: "I"/"my" and "we"/"my government"."""

    me: list[str]
    us: list[str]


# "my cabinet", "my administration's plan": a head of government speaking in a release
_HEAD_OF_GOVERNMENT = re.compile(r"\b[Mm]y\s+(?:[Gg]overnment|[Aa]dministration|[Mm]inisters|[Cc]abinet)\b")
OWNED_BY_SPEAKER = {"government", "administration", "minister", "cabinet", "budget"}


# "Statement of the Prime Minister of Peru ...": a title line the block classifier may have kept as body text
_STATEMENT_TITLE = re.compile(r"\s*(?:joint\s+)?statement\s+(?:of|by|from)\s+the\s", re.I)


def _statement_issuer(ctx: Context) -> str | None:
    """The first person named in a leading "Statement of the <office> <Name>" line (any block kind)."""
    for block in ctx.blocks[:2]:
        if not _STATEMENT_TITLE.match(ctx.text, block.start, block.end):
            continue
        found = sorted((m for m in ctx.mentions if block.start <= m.start < block.end), key=lambda m: m.start)
        return next((m.key for m in found if ctx.actors[m.key].kind == "person"), None)
    return None


def _heading_voices(ctx: Context, issuer: str) -> list[str]:
    """Who signs the heading that names ``issuer``: each person named in it, or the country of the office
    named right before the person ("the Prime Minister of Peru John Roe" → Peru)."""
    for block in ctx.blocks[:3]:
        line_end = ctx.text.find("\n", block.start, block.end)
        end = block.end if line_end < 0 else line_end  # the title line, not the text run on after it
        found = sorted((m for m in ctx.mentions if block.start <= m.start < end), key=lambda m: m.start)
        if issuer not in {m.key for m in found}:
            continue
        out: list[str] = []
        people: list[str] = []
        office: list[str] = []  # countries named since the last person
        for m in found:
            rec = ctx.actors.get(m.key)
            if rec is None:
                continue
            if rec.kind == "country":
                office.append(m.key)
            elif rec.kind == "person":
                who = office[0] if len(set(office)) == 1 else _office_country(ctx, m.key)
                if who is not None and who not in out:
                    out.append(who)
                elif who is None:
                    people.append(m.key)
                office = []
        # the countries the signatories speak for; people only when no office names a country
        return out or people
    return []


def release_voice(ctx: Context) -> Voice:
    """An unquoted "I"/"we" is the author of a statement: the people its heading names ("Statement of the
    Prime Minister of Peru, A, and the President of Chile, B": "we" are Peru and Chile), or, when the text
    speaks of "my government", the country the article is about. Elsewhere (analysis, opinion) it is no one."""
    issuer = release_issuer(ctx) or _statement_issuer(ctx)
    if issuer is not None:
        return Voice([issuer], _heading_voices(ctx, issuer) or [issuer])
    for found in _HEAD_OF_GOVERNMENT.finditer(ctx.text):
        if ctx.in_quote(found.start()) is None:
            home = _main_country(ActorState(ctx))  # the country "the government" stands for
            return Voice([home], [home]) if home else Voice([], [])
    return Voice([], [])


def _named_before(ctx: Context, subj: Any) -> list[str]:
    """ "The agency declined to comment": the organisation named last before, when the article named one."""
    if subj.lemma_.lower() not in ORG_NOUNS or subj.tag_ != "NN":
        return []
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        return []
    for m in ctx.mentions_before(ctx.tstart(subj), window=1500):
        rec = ctx.actors.get(m.key)
        if rec is not None and rec.kind == "organisation":
            return [m.key]
    return []


def _listed(s: Any) -> list[Any]:
    """Names listed inside the subject phrase ("Poland, Greece, and Italy" parsed as appositions)."""
    out = []
    for tok in s.subtree:
        if tok.i == s.i or tok.i - s.i > 40:
            continue
        t = tok
        ok = True
        while t.i != s.i:
            if t.dep_ not in ("conj", "appos", "compound", "npadvmod", "nmod"):
                ok = False
                break
            t = t.head
        if ok and tok.pos_ == "PROPN":
            out.append(tok)
    return out


def _stance(verb: Any, quoted: bool = False, hit: Hit | None = None) -> tuple[str | None, Any]:
    """(stance, the verb whose complement is the action); ``quoted``: the verb is inside a quote; ``hit``: the
    dependency pattern (stance_patterns.py) that matched this verb, if any."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)  # walked by most checks below: built once (each walk builds new Tokens)
    modal, neg = _modal(verb, kids)
    xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    target = xcomp or verb
    if verb.pos_ not in ("VERB", "AUX"):
        return None, verb
    if modal == "could" and _purpose(verb):
        modal = "will"  # "raised the levy so it could hire nurses": what it meant to do, not a maybe
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in kids) and any(
        c.dep_ == "advmod" and c.lower_ in FORMERLY for c in kids
    ):
        return None, verb  # "had previously opposed the inquiry": a former stance, background
    if neg and lemma == "agree" and modal in ("could", "can") and (_prep(verb, "on") or _prep(verb, "over")):
        return None, verb  # "the two sides could not agree on a budget": a failed talk, not a refusal
    if verb.dep_ == "conj" and modal is None and lemma in CONSIDER and _shared_modal(verb) == "will":
        modal = "will"  # "will map the coast and explore the reef": the explore shares the will
    if lemma in CONSIDER and (modal == "will" or verb.head.lemma_.lower() == "continue" and verb.dep_ == "xcomp"):
        return None, verb  # "will continue to assess", "will explore the options": work announced, no stance
    if neg and any(c.lower_ == "all" for c in kids):
        return None, verb  # "members do not all agree": a split, not the group's stance
    if any(c.dep_ == "advmod" and c.lower_ in HEDGES for c in kids):
        return None, verb  # "Russia will likely attack": a forecast, not a commitment
    if modal in ("could", "would", "may") and any(c.dep_ == "aux" and c.lower_ == "have" for c in kids):
        return None, verb  # "could have acted", "might have encouraged": what did not or may have happened
    if (
        verb.tag_ == "VBG"
        and verb.dep_ == "advcl"
        and lemma not in PLEDGE | OPPOSE_VERBS
        and not _children(verb, ("nsubj",))
        and not (hit is not None and lemma in ASKING)  # "wrote to the embassy asking it to waive ...": a call
    ):
        # "delaying the case", "while studying abroad": a side event, not a stance ("..., accusing X of" is one)
        return None, verb
    if hit is not None:
        # "criticised the levy", "was criticised by X", "called on X to", "stands ready to", "threatened to veto"
        if hit.action.i != verb.i and any(c.dep_ == "aux" and c.lower_ == "have" for c in hit.action.children):
            return None, verb  # "said she should have left": a regret about the past, not a call
        return (hit.negated if neg else hit.stance), hit.action
    if lemma == "vote" and verb.tag_ == "VBG" and any(c.dep_ == "nsubj" and c.i > verb.i for c in kids):
        return None, verb  # "Voting for the motion were A, B and C": a tally (dissents are read in _opposition)
    if lemma == "vote" and (_prep(verb, "for") is not None or _prep(verb, "against") is not None):
        against = _prep(verb, "against") is not None
        if neg:
            return ("declined" if not against else None), verb
        return ("opposed" if against else "committed"), verb
    call_for = lemma in CALL_FOR_VERBS and _prep(verb, "for") is not None
    commit_verb = call_for or ((lemma in COMMIT_VERBS or lemma in DECISION_VERBS) and _has_object(verb, modal))
    if lemma == "vote" and xcomp is not None and not neg:
        return "committed", xcomp  # "voted to hold the minister in contempt"
    if lemma in WITHDRAW_VERBS and not neg and not _children(verb, ("dobj",)):
        if _prep(verb, "from") is not None or any(c.lower_ == "out" for c in kids):
            return "declined", verb  # "withdrew from the talks", "pulled out of the deal"
    if lemma == "join" and any(_event(o) for o in _children(verb, ("dobj",))):
        return None, verb  # "joined the summit", "joined the call": present at an event, no position taken
    if lemma in ("cancel", "scrap") and any(o.lemma_.lower() in EVENT_NOUNS for o in _children(verb, ("dobj",))):
        return (None if neg else "declined"), verb  # "cancelled a trip to the front": will not go
    if commit_verb and verb.dep_ != "xcomp" and not _to_infinitive(verb):
        # the verb's own clause: "is considering joining", "agreed to back" are decided by the outer verb
        if neg:
            if lemma in NOT_JOINED:
                return "declined", verb  # "did not ratify the treaty", "will not join the coalition"
            return (
                "opposed" if lemma in NEG_OPPOSE | COMMIT_VERBS - {"begin", "order", "propose"} else "declined"
            ), verb
        if modal == "could":
            return "open", verb
        if modal == "may":
            return ("open" if _own_option(verb) else None), verb
        if modal == "should" or verb.tag_ in ("VBG",) and verb.dep_ not in ("ROOT", "ccomp", "conj", "xcomp"):
            return None, verb
        return "committed", verb
    if lemma == "look" and xcomp is not None and _to_infinitive(xcomp) and not quoted:
        if xcomp.lemma_.lower() not in STATIVE | FORECAST:
            return ("declined" if neg else "committed"), xcomp  # "will look to consult again": an aim
    if lemma in INTENT_VERBS and xcomp is not None and not _children(xcomp, ("nsubj",)) and not quoted:
        return ("declined" if neg else "committed"), xcomp  # "wants to join", "aims to cut"
    if lemma == "have" and xcomp is not None and any(c.lower_ == "to" for c in xcomp.children if c.dep_ == "aux"):
        if xcomp.lemma_.lower() in STATIVE:
            return None, verb  # "has to be front and centre": a requirement on a thing, not an act
        if modal in ("would", "could", "might"):
            return None, verb  # "they would have to scrap routes": a consequence imagined, not a duty taken on
        return (None if neg else "committed"), xcomp  # an obligation: "has to cut its deficit"
    if verb.lower_ in OBLIGATION_WORDS and xcomp is not None and not neg:
        return "committed", xcomp  # "is required to hold a vote" (parsed as a passive verb)
    if lemma == "be" and not neg:
        for c in kids:
            if c.dep_ == "acomp" and c.lower_ in OBLIGATION_WORDS:
                comp = next((x for x in c.children if x.dep_ == "xcomp"), None)
                if comp is not None:
                    return "committed", comp  # "is bound to hold a vote"
        passive = any(c.dep_ == "auxpass" for c in xcomp.children) if xcomp is not None else False
        if xcomp is not None and not _children(verb, ("acomp", "attr")) and _to_infinitive(xcomp) and not passive:
            return "committed", xcomp  # "is to open an embassy": an announced intent
    if modal == "must" and not neg and lemma not in STATIVE and not any(c.dep_ == "auxpass" for c in kids):
        return "committed", verb  # an obligation: "must repay the loan" (not "must be signed by X")
    under = _under_agreement(verb)
    if under and lemma not in STATIVE and not neg:
        return ("conditional" if modal in ("would", "could", "may") else "committed"), verb
    if lemma in ("announce", "unveil", "outline", "present", "publish") and not neg:
        for obj in _children(verb, ("dobj",)):
            comp = next((x for x in obj.children if x.dep_ in ("acl", "relcl") and _to_infinitive(x)), None)
            if obj.lemma_.lower() in INTENT_NOUNS and comp is not None:
                return "committed", comp  # "announced plans to pull out"
    if lemma == "be" and modal in (None, "will", "would"):
        for c in kids:
            if (
                c.dep_ == "acomp"
                and c.lower_ in COMMITTED_ADJ
                and (_prep(c, "to") is not None or _children(c, ("xcomp",)))
            ):
                return ("declined" if neg else "committed"), c  # "we are committed to keeping the ports open"
    if lemma in LIGHT_VERBS:
        for obj in _children(verb, ("dobj",)):
            if obj.lemma_.lower() in OPEN_NOUNS and not any(c.lower_ in ("no", "little") for c in obj.children):
                return ("declined" if neg else "open"), verb
            if obj.lemma_.lower() in PLEDGE_NOUNS and not neg:
                return "committed", verb  # "reaffirmed its commitment to", "made a pledge"
    if lemma in SPEAK_OF and not neg:
        # "spoke of his commitment to ...", "stressed her pledge to ...": a pledge restated, the speaker's own
        nouns = [o for p in kids if p.dep_ == "prep" and p.lower_ in ("of", "about") for o in p.children]
        nouns += _children(verb, ("dobj",))
        for obj in nouns:
            owner = next((c for c in obj.children if c.dep_ == "poss"), None)
            if obj.lemma_.lower() in PLEDGE_NOUNS and owner is not None and owner.lower_ in OWN_POSS:
                return "committed", obj
    if lemma == "have" and not neg:
        # "has no plans to close", "had no intention of joining": a refusal in noun form
        for obj in _children(verb, ("dobj",)):
            if obj.lemma_.lower() in INTENT_NOUNS and any(c.lower_ == "no" for c in obj.children):
                comp = next((x for x in obj.subtree if x.pos_ == "VERB" and x.i > obj.i), None)
                if comp is not None:
                    return "declined", comp
    if lemma in ("see", "find") and not neg:
        # "saw no reason to cut rates", "finds no need to act": a refusal argued, not a fact seen
        for obj in _children(verb, ("dobj",)):
            if obj.lemma_.lower() in NO_CAUSE_NOUNS and any(c.lower_ == "no" for c in obj.children):
                comp = next((x for x in obj.children if x.dep_ in ("acl", "relcl") and _to_infinitive(x)), None)
                if comp is not None:
                    return "declined", comp
    if lemma == "rule":
        if any(c.lower_ == "out" for c in kids):
            return ("open" if neg else "declined"), target
        return None, verb
    if lemma in REFUSE:
        return ("open" if neg else "declined"), target
    if neg and lemma in NOT_DONE and modal in (None, "will", "would") and verb.dep_ in ("ROOT", "ccomp", "conj"):
        return "declined", verb  # "did not concede", "will not resign": a refusal said by negation
    if lemma in OPPOSE:
        if lemma == "resist" and not _children(verb, ("dobj", "xcomp", "prep")):
            return None, verb  # "he resisted": a struggle, not opposition to a named action
        return (None if neg else "opposed"), target
    if neg and lemma in NEG_OPPOSE and modal in ("will", "would", None):
        if lemma == "agree" or modal is not None:
            return "opposed", target
    if lemma in CONSIDER and not neg:
        if lemma == "consider" and _children(verb, ("oprd", "ccomp")) and xcomp is None:
            return None, verb  # "considered it inappropriate": a verdict, not a deliberation
        return "undecided", target
    if lemma in DEFER:
        return "undecided", target
    if lemma == "decide" and (modal in ("will", "would") or neg):
        return "undecided", target
    if lemma == "resolve" and xcomp is None:
        return None, verb  # "was resolved by the court": settling a matter, not resolving to act
    if lemma in PLEDGE and lemma not in ("decide", "announce"):
        if neg:
            if any(c.lower_ == "yet" for c in kids):
                return "undecided", target
            return "declined", target
        if lemma in ("plan", "intend", "prepare") and xcomp is None:
            return None, verb
        if lemma in ("agree", "offer", "announce") and xcomp is None and not _children(verb, ("prep", "dobj")):
            return None, verb
        if lemma in HABITUAL and xcomp is None and modal is None and verb.tag_ in ("VBZ", "VBP"):
            return None, verb  # "the club offers free parking": what it does routinely, not a pledge
        return "committed", target
    if lemma in ("decide", "announce") and xcomp is not None and not neg:
        return "committed", target
    if lemma == "be" and modal in (None, "will", "would"):
        # "they were ready to sign", "Italy is willing to help"
        for c in kids:
            if c.dep_ == "acomp" and c.lower_ in WILLING_ADJ:
                comp = next((x for x in c.children if x.dep_ == "xcomp"), None)
                if comp is not None:
                    stance = WILLING_ADJ[c.lower_]
                    return ("declined" if neg else stance), comp
                if c.lower_ == "open" and any(x.dep_ == "prep" and x.lower_ == "to" for x in c.children):
                    return ("declined" if neg else "open"), c  # "is open to talks"
            if c.dep_ == "acomp" and c.lower_ in GLAD_ADJ and not neg:
                comp = next((x for x in c.children if x.dep_ == "xcomp"), None)
                if comp is not None and comp.lemma_.lower() in COMMIT_VERBS:
                    return "committed", comp
    if modal is None or modal in ("can", "must"):
        return None, verb
    if lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in kids):
        return None, verb  # "will take place": an event, not a commitment
    if lemma in STATIVE:
        if lemma == "be" and modal == "will":
            for c in kids:
                if c.dep_ in ("acomp", "attr", "advmod") and c.lower_ in READY_ADJ:
                    return ("declined" if neg else "committed"), verb
        return None, verb
    if modal == "could":
        return (None if neg else "open"), verb
    if modal == "may":
        # "prices may rise", "they may also reflect": a possibility; "he said he may declare it": an option kept
        return ("open" if _own_option(verb) and not neg else None), verb
    if modal in ("will", "would"):
        return ("declined" if neg else "committed"), verb
    return None, verb


def _event(noun: Any) -> bool:
    """An event one attends ("the summit", "the call"), not a demand ("the calls for a ceasefire")."""
    if noun.lemma_.lower() not in EVENT_NOUNS:
        return False
    return noun.lemma_.lower() != "call" or (noun.tag_ != "NNS" and _prep(noun, "for") is None)


def _shared_modal(verb: Any) -> str | None:
    """The modal a conjoined verb shares with the first verb of its list ("will land, map and explore")."""
    t = verb
    for _ in range(6):
        if t.dep_ != "conj" or t.head.i == t.i:
            break
        t = t.head
    return _modal(t)[0]


OPTION_REPORTING = {"say", "tell", "state", "indicate", "signal", "suggest", "warn", "add", "announce", "confirm"}


def _own_option(verb: Any) -> bool:
    """ "may" as an actor's own option: "we may sue", or reported of the speaker ("he said he may sue")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return verb.dep_ == "conj" and verb.head.i != verb.i and _own_option(verb.head)  # "she can and may sue"
    if subj.lower_ in FIRST_PERSON:
        return True
    # "she said she may sue", "the ministry said it may propose changes": the reporter's own option
    reported = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in OPTION_REPORTING
    return subj.lower_ in ("he", "she", "it", "they") and reported


def _purpose(verb: Any) -> bool:
    """A purpose clause: "..., so (that) he could release the funds"."""
    if verb.dep_ not in ("advcl", "ccomp"):
        return False
    return any(c.lower_ == "so" and c.dep_ in ("mark", "advmod") and c.i < verb.i for c in verb.children)


def _question(ctx: Context, start: int, end: int) -> bool:
    """The sentence asks ("Why would Peru refuse to sign?"): a question commits no one."""
    return ctx.text[start:end].rstrip(" \n\"'”’)").endswith("?")


def _restricted_subject(verb: Any) -> bool:
    """ "Only Congress may approve it", "No leader could solve it": a rule about who can, not a stance."""
    for s in _children(verb, ("nsubj",)):
        if any(c.lower_ == "no" and c.dep_ == "det" for c in s.children):
            return True
        if any(c.lower_ == "only" and c.dep_ == "advmod" for c in s.children):
            return True
        if s.i > 0 and s.doc[s.i - 1].lower_ == "only" and s.doc[s.i - 1].head.i in (s.i, verb.i):
            return True
    return False


BELIEF_VERBS = {"believe", "think", "hope", "fear", "doubt", "suspect", "assume", "trust", "feel", "reckon"}


def _belief_about_others(verb: Any) -> bool:
    """A modal clause someone believes, hopes or fears ("we believe the pact will boost trade")."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in BELIEF_VERBS:
        return False
    return _modal(verb)[0] in ("will", "would", "could")


def _modal_only(verb: Any) -> bool:
    """The stance rests on a modal alone ("will join", "could sue"), not on a verb of stance."""
    return verb.lemma_.lower() not in STANCE_LEMMAS and _modal(verb)[0] in ("will", "would", "could")


def _speaks_for(ctx: Context, speaker: str, key: str) -> bool:
    """The speaker is the actor, or holds an office of the actor's country in this article."""
    if key == speaker:
        return True
    rec = ctx.actors.get(key)
    if rec is None or rec.code is None:
        return False
    return any(person == speaker and code == rec.code for (code, _role), person in ctx.roles.items())


def _has_object(verb: Any, modal: str | None) -> bool:
    """An object, a complement or, in a plain passive, an agent: "the pact was joined by X and Y" (not "he
    was joined by X": company on a trip)."""
    if _children(verb, ("dobj", "xcomp", "ccomp")):
        return True
    if any(s.ent_type_ == "PERSON" or s.lower_ in PERSONAL for s in _children(verb, ("nsubjpass",))):
        return False
    return modal is None and any(c.dep_ == "auxpass" for c in verb.children) and bool(_children(verb, ("agent",)))


def _as_needed(verb: Any) -> bool:
    """ "as needed", "as warranted", "as circumstances require", "as events dictate"."""
    for c in verb.subtree:
        if c.lower_ != "as" or c.i + 1 >= len(c.doc):
            continue
        if c.doc[c.i + 1].lower_ in AS_NEEDED:
            return True
        if c.dep_ == "mark" and c.head.lemma_.lower() in ("warrant", "require", "need", "dictate", "permit"):
            return True
    return False


def _prep(tok: Any, word: str) -> Any:
    return next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == word), None)


def _to_infinitive(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _under_agreement(verb: Any) -> bool:
    """ "Under the agreement, X will withdraw": an action the actor is bound to by a deal."""
    under = _prep(verb, "under")
    if under is None:
        return False
    return any(c.dep_ == "pobj" and c.lemma_.lower() in AGREEMENT_NOUNS for c in under.children)


def _forecast(verb: Any) -> bool:
    """The verb is the complement of a forecast word ("is expected to", "is likely to", "expect it to")."""
    t = verb
    for _ in range(3):
        if t.dep_ not in ("xcomp", "ccomp") or t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in FORECAST or t.lower_ in FORECAST:
            return True
    return False


def _against(action: Any) -> bool:
    """An action that is itself opposition: block, veto, reject, vote against."""
    lemma = action.lemma_.lower()
    if lemma in OPPOSE and lemma != "object":
        return True
    return lemma == "vote" and any(c.dep_ == "prep" and c.lower_ == "against" for c in action.children)


def _owner_tokens(noun: Any) -> list[Any]:
    """Who holds an objection: "Chile's opposition", "objections from Peru", "concern among members"."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPS:
            owners.extend(c for c in prep.children if c.dep_ == "pobj")
    return [t for o in owners for t in (o, *o.conjuncts)]


def _condemns(tokens: Iterable[Any]) -> bool:
    """The words hold a verdict of condemnation ("unjustified", "a non-starter", "an outrage")."""
    text = " ".join(t.text for t in tokens).lower().replace(" - ", "-")
    words = set(re.findall(r"[\w-]+", text))
    return bool(words & CONDEMNING) or any(t.lemma_.lower() in CONDEMNING for t in tokens)


# "X called the levy unjust", "X attacked the inquiry as a sham": a verdict only with a word of condemnation
VERDICT_VERBS = frozenset(("call", "describe", "label", "brand", "term", "deem", "consider", "attack"))
_OPPOSITION_WORDS = CONCERN_NOUNS | VERDICT_VERBS | {"be", "vote", "voting"}


def _opposition(
    ctx: Context, sent: Any, speakers: dict[tuple[int, int], str]
) -> list[tuple[list[str], str, Any, list[Any]]]:
    """Stances said without a stance verb: (actors, stance, the word, tokens of what it is about).

    "objections from X", "X voiced concern", "X called the plan unjustified", "X said the levy was
    unacceptable", a verdict of condemnation in X's own quote, "voting against was X"."""
    found = []
    span = sent.span
    doc = span.doc
    llemma = ctx.attrs(doc).llemma
    for k in range(span.start, span.end):
        lemma = llemma[k]
        if lemma not in _OPPOSITION_WORDS:
            continue  # every branch below starts from one of these lemmas: no Token built for the others
        tok = doc[k]
        if tok.pos_ == "NOUN" and lemma in CONCERN_NOUNS:
            if any(c.lower_ in ("no", "little", "without") for c in tok.children) or tok.head.lower_ == "without":
                continue  # "raised no objection"
            keys = [k for o in _owner_tokens(tok) for k in np_actors(ctx, o)]
            if not keys and tok.dep_ == "dobj" and tok.head.lemma_.lower() in VOICE_VERBS:
                keys = _subjects(ctx, tok.head)  # "X voiced concern"
            what = [t for c in tok.children if c.dep_ == "prep" and c.lower_ not in OWNER_PREPS for t in c.subtree]
            if keys:
                found.append((keys, "opposed", tok, what))
        elif tok.pos_ == "VERB" and lemma in VERDICT_VERBS:
            # "X called the tariffs unjustified", "described the move as a provocation"
            parts = ("oprd", "ccomp", "xcomp", "acomp", "prep", "dobj")
            verdict = sorted((t for c in tok.children if c.dep_ in parts for t in c.subtree), key=lambda t: t.i)
            if _condemns(verdict) and not _modal(tok)[1]:
                keys = _subjects(ctx, tok)
                if keys:
                    found.append((keys, "opposed", tok, [t for t in tok.subtree if t.i > tok.i and not t.is_punct]))
        elif tok.pos_ in ("VERB", "AUX") and lemma == "be" and tok.dep_ in ("ccomp", "ROOT"):
            verdict = [t for c in tok.children if c.dep_ in ("acomp", "attr") for t in c.subtree]
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "expl")), None)
            if not verdict or not _condemns(verdict) or _modal(tok)[1] or subj is None:
                continue
            if subj.lower_ in FIRST_PERSON:
                continue
            span = ctx.in_quote(ctx.tstart(tok))
            if span is not None:
                key = speakers.get(span)  # "This is a dangerous way to govern," X said
                if key:
                    found.append(([key], "opposed", tok, [t for t in tok.subtree if not t.is_punct]))
            elif tok.dep_ == "ccomp" and tok.head.lemma_.lower() in VERDICT_REPORTING and subj.lower_ not in IMPERSONAL:
                keys = _subjects(ctx, tok.head)  # "X said the levy was unacceptable"
                if keys:
                    found.append((keys, "opposed", tok, list(subj.subtree)))
        elif lemma in ("vote", "voting") and tok.dep_ in ("nsubj", "csubj") and tok.head.lemma_.lower() == "be":
            # "Voting against was X", "Voting for the action were X and Y"
            side = next((c.lower_ for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "against")), None)
            names = [a for c in tok.head.children if c.dep_ == "attr" for a in (c, *c.conjuncts)]
            keys = [k for a in names for k in np_actors(ctx, a)]
            if side == "against" and keys:  # a dissent is a stance; the list of those voting for is a tally
                what = [t for t in tok.subtree if t.i > tok.i]
                found.append((keys, "opposed" if side == "against" else "committed", tok, what))
    return found


def _noun_act(noun: Any) -> Any:
    """The act a noun of stance is about: "refusal to comply" (an infinitive), "commitment to partnering"
    (a gerund after "to"); None when the noun names no act ("the minister's decision was final")."""
    for c in noun.children:
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX") and _to_infinitive(c):
            return c
        if c.dep_ == "prep" and c.lower_ == "to":
            for o in c.children:
                # a gerund the tagger may call a noun: "commitment to partnering with ..."
                if o.dep_ == "pcomp" or (o.dep_ == "pobj" and (o.tag_ == "VBG" or o.lower_.endswith("ing"))):
                    return o
    return None


def _owned_stances(ctx: Context, sent: Any) -> list[tuple[list[str], str, Any, list[Any]]]:
    """Stances said by a noun an actor owns: "Chile's refusal to comply" (declined), "the Administration's
    commitment to partnering", "the union's determination to strike" (committed; a "decision" is
    often a ruling already made, so it is left out)."""
    found = []
    span = sent.span
    doc = span.doc
    llemma = ctx.attrs(doc).llemma
    for k in range(span.start, span.end):
        stance = STANCE_NOUNS.get(llemma[k])
        if stance is None:
            continue
        tok = doc[k]
        if tok.pos_ != "NOUN" or tok.head.lower_ == "without":
            continue
        if any(c.lower_ in ("no", "little", "any") for c in tok.children):
            continue  # "had no intention of ...": read by the verb rules
        act = _noun_act(tok)
        if act is None:
            continue
        owners = [t for c in tok.children if c.dep_ == "poss" and c.lower_ not in OWN_POSS for t in (c, *c.conjuncts)]
        keys = [key for o in owners for key in np_actors(ctx, o)]
        if keys:
            found.append((keys, stance, tok, [t for t in tok.subtree if tok.i < t.i <= act.right_edge.i]))
    return found


def _quote_speakers(ctx: Context, quotes: Iterable[Quote]) -> dict[tuple[int, int], str]:
    """Quote span -> the speaker's actor key, for commitments said in the first person."""
    by_name = {rec.name: key for key, rec in ctx.actors.items()}
    out = {}
    for q in quotes:
        key = by_name.get(q.speaker) if q.speaker else None
        span = ctx.in_quote(q.start)
        if key and span:
            out[span] = key
    return out


def find_commitments(ctx: Context, quotes: Iterable[Quote] = ()) -> list[Commitment]:
    out: list[Commitment] = []
    seen: set[tuple[str, str, int]] = set()
    speakers = _quote_speakers(ctx, quotes)
    voice = release_voice(ctx)
    for sent in ctx.sents:
        if sent.kind != BODY:
            continue
        span = sent.span
        doc = span.doc
        attrs = ctx.attrs(doc)
        root = span.root
        hits = pattern_hits(span, attrs.lemma, attrs.lower)
        noun_stances = [] if _question(ctx, sent.start, sent.end) else _owned_stances(ctx, sent)
        for keys, found_stance, word, what in [*_opposition(ctx, sent, speakers), *noun_stances]:
            start, end = sent.start, sent.end
            text = ctx.text[start:end]
            lead = len(text) - len(text.lstrip())
            trail = len(text) - len(text.rstrip())
            toks = what if word.pos_ == "AUX" else [word, *what]
            action = _span_text(ctx, sorted(toks, key=lambda t: t.i))
            for key in keys:
                rec = ctx.actors.get(key)
                if rec is None or (rec.name, found_stance, start) in seen:
                    continue
                seen.add((rec.name, found_stance, start))
                out.append(Commitment(rec.name, found_stance, action[:160], start + lead, end - trail))
        # a question commits no one; its stance verbs are not read
        for vi in () if _question(ctx, sent.start, sent.end) else range(span.start, span.end):
            # tested on the doc's strings first: most tokens are not clause verbs, and build no Token
            dep = attrs.dep[vi]
            if attrs.pos[vi] not in ("VERB", "AUX") or dep in ("aux", "auxpass", "amod"):
                continue
            if attrs.llemma[vi] == "be" and dep not in ("ROOT", "ccomp", "conj", "relcl", "advcl"):
                continue
            verb = doc[vi]
            stance, target = _stance(verb, ctx.in_quote(ctx.tstart(verb)) is not None, hits.get(verb.i))
            if stance is None or _forecast(verb):
                continue  # "is expected to join", "analysts expect it to back": a prediction, not a stance
            if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CLAUSE_MARKS for c in verb.children):
                continue  # "until Sweden joined", "as he proposed": an event in a subordinate clause
            if _in_conditional_clause(verb, root) or _open_question(verb):
                continue
            if stance == "open" and _restricted_subject(verb):
                continue
            actors = _subjects(ctx, verb, speakers, voice)
            quote = ctx.in_quote(ctx.tstart(verb))
            if quote is not None and quote in speakers and verb.i not in hits and _modal_only(verb):
                # '"The rebels will join the talks," X said': X's forecast about others, not their pledge
                actors = [k for k in actors if _speaks_for(ctx, speakers[quote], k)]
            if actors and verb.i not in hits and _belief_about_others(verb):
                # "We believe the pact will boost trade": the believers' forecast, not the pact's pledge
                believers = _subjects(ctx, verb.head, speakers, voice)
                actors = [k for k in actors if k in believers]
            if not actors:
                continue
            actors.extend(k for k in _joined_by(ctx, verb, target) if k not in actors)
            actors.extend(k for k in _companions(ctx, verb) if k not in actors)
            if stance == "committed":
                actors.extend(k for k in _deal_partners(ctx, target) if k not in actors)
            condition, real = _condition(verb, ctx)
            if condition is None and target is not verb:
                condition, real = _condition(target, ctx)
            if stance == "committed" and _against(target):
                stance = "opposed"  # "will vote against the deal", "is prepared to block it"
            if real and stance == "committed" and not (verb.i in hits and hits[verb.i].call):
                stance = "conditional"  # (a condition inside a call on others binds them, not the caller)
            if stance == "committed" and _as_needed(verb):
                stance = "conditional"  # "will act as needed", "stands ready to buy bonds as warranted"
            action = _action(ctx, target, _skip_set(target))
            start, end = sent.start, sent.end
            text = ctx.text[start:end]
            lead = len(text) - len(text.lstrip())
            trail = len(text) - len(text.rstrip())
            for key in actors:
                rec = ctx.actors.get(key)
                if rec is None:
                    continue
                sig = (rec.name, stance, start)
                if sig in seen:
                    continue
                seen.add(sig)
                out.append(
                    Commitment(
                        actor=rec.name,
                        stance=stance,
                        action=action,
                        start=start + lead,
                        end=end - trail,
                        condition=condition,
                    )
                )
    return out
