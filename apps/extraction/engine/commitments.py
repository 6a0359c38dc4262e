"""Commitments from the dependency parse: actor + stance + action + condition.

A clause yields a commitment when its verb is a verb of pledging, refusing, opposing,
considering or deferring, or when a modal marks intent ("will join", "will not send",
"could help"). The actors are the subject and its conjuncts (or the agent of a passive),
resolved to actors (names, demonyms with government nouns, pronouns). Conditions come from
"if/unless/once/provided ..." clauses. Clauses inside an "if" clause are conditions, not
commitments. One sentence can yield several commitments.
"""

from __future__ import annotations

from typing import Any

from .actors import np_actors
from .clean import BODY, join_broken_words
from .context import Context
from .types import Commitment

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
OPPOSE = {"oppose", "reject", "object", "veto", "block", "condemn", "resist", "denounce"}
CONSIDER = {"consider", "weigh", "mull", "study", "explore", "contemplate", "evaluate", "assess", "ponder", "debate"}
DEFER = {"postpone", "delay", "defer", "hesitate"}
# "threatened to block / veto / withdraw": opposition announced as a threat.
THREAT_ACTIONS = OPPOSE | {"withdraw", "leave", "quit", "walk", "boycott", "suspend", "halt", "stop"}
INTENT_NOUNS = {"plan", "intention", "intent"}
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
    "fall",
    "face",
    "see",
    "get",
    "find",
    "look",
    "feel",
    "appear",
    "use",
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
READY_ADJ = {"present", "ready", "prepared", "involved", "part", "there"}
CONDITION_MARKS = {"if", "unless", "once", "provided", "providing", "assuming"}
TEMPORAL_MARKS = {"when", "after", "before", "until", "whenever"}


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


def _modal(verb: Any) -> tuple[str | None, bool]:
    modal = None
    neg = False
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass"):
            low = c.lower_
            if low in ("will", "'ll", "shall", "wo"):
                modal = "will"
            elif low in ("would", "'d"):
                modal = modal or "would"
            elif low in ("could", "might", "may"):
                modal = modal or "could"
            elif low in ("can", "ca"):
                modal = modal or "can"
            elif low in ("must", "should"):
                modal = modal or "must"
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


def _subjects(ctx: Context, verb: Any) -> list[str]:
    subj = _children(verb, ("nsubj", "nsubjpass"))
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    keys: list[str] = []
    if passive:
        for agent in _children(verb, ("agent",)):
            for pobj in _children(agent, ("pobj",)):
                for t in [pobj, *pobj.conjuncts]:
                    keys.extend(k for k in np_actors(ctx, t) if k not in keys)
        return keys
    t = verb
    hops = 0
    while not subj and t.dep_ in ("xcomp", "conj") and hops < 3:
        t = t.head
        subj = _children(t, ("nsubj",))
        hops += 1
    for s in subj:
        if s.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
            s = verb.head
        for tok in [s, *s.conjuncts, *_listed(s)]:
            keys.extend(k for k in np_actors(ctx, tok) if k not in keys)
    return keys


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


def _stance(verb: Any) -> tuple[str | None, Any]:
    """(stance, the verb whose complement is the action)."""
    lemma = verb.lemma_.lower()
    modal, neg = _modal(verb)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    target = xcomp or verb
    if verb.pos_ not in ("VERB", "AUX"):
        return None, verb
    if any(c.dep_ == "advmod" and c.lower_ in HEDGES for c in verb.children):
        return None, verb  # "Russia will likely attack": a forecast, not a commitment
    if lemma in LIGHT_VERBS:
        for obj in _children(verb, ("dobj",)):
            if obj.lemma_.lower() in OPEN_NOUNS and not any(c.lower_ in ("no", "little") for c in obj.children):
                return ("declined" if neg else "open"), verb
            if obj.lemma_.lower() in PLEDGE_NOUNS and not neg:
                return "committed", verb  # "reaffirmed its commitment to", "made a pledge"
    if lemma == "threaten" and xcomp is not None and xcomp.lemma_.lower() in THREAT_ACTIONS:
        return (None if neg else "opposed"), xcomp
    if lemma == "have" and not neg:
        # "has no plans to close", "had no intention of joining": a refusal in noun form
        for obj in _children(verb, ("dobj",)):
            if obj.lemma_.lower() in INTENT_NOUNS and any(c.lower_ == "no" for c in obj.children):
                comp = next((x for x in obj.subtree if x.pos_ == "VERB" and x.i > obj.i), None)
                if comp is not None:
                    return "declined", comp
    if lemma == "rule":
        if any(c.lower_ == "out" for c in verb.children):
            return ("open" if neg else "declined"), target
        return None, verb
    if lemma in REFUSE:
        return ("open" if neg else "declined"), target
    if lemma in OPPOSE:
        return (None if neg else "opposed"), target
    if neg and lemma in NEG_OPPOSE and modal in ("will", "would", None):
        if lemma == "agree" or modal is not None:
            return "opposed", target
    if lemma in CONSIDER and not neg:
        return "undecided", target
    if lemma in DEFER:
        return "undecided", target
    if lemma == "decide" and (modal in ("will", "would") or neg):
        return "undecided", target
    if lemma in PLEDGE and lemma not in ("decide", "announce"):
        if neg:
            if any(c.lower_ == "yet" for c in verb.children):
                return "undecided", target
            return "declined", target
        if lemma in ("plan", "intend", "prepare") and xcomp is None:
            return None, verb
        if lemma in ("agree", "offer", "announce") and xcomp is None and not _children(verb, ("prep", "dobj")):
            return None, verb
        return "committed", target
    if lemma in ("decide", "announce") and xcomp is not None and not neg:
        return "committed", target
    if lemma == "be" and modal in (None, "will", "would"):
        # "they were ready to sign", "Italy is willing to help"
        for c in verb.children:
            if c.dep_ == "acomp" and c.lower_ in WILLING_ADJ:
                comp = next((x for x in c.children if x.dep_ == "xcomp"), None)
                if comp is not None:
                    stance = WILLING_ADJ[c.lower_]
                    return ("declined" if neg else stance), comp
                if c.lower_ == "open" and any(x.dep_ == "prep" and x.lower_ == "to" for x in c.children):
                    return ("declined" if neg else "open"), c  # "is open to talks"
    if modal is None or modal in ("can", "must"):
        return None, verb
    if lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children):
        return None, verb  # "will take place": an event, not a commitment
    if lemma in STATIVE:
        if lemma == "be" and modal == "will":
            for c in verb.children:
                if c.dep_ in ("acomp", "attr", "advmod") and c.lower_ in READY_ADJ:
                    return ("declined" if neg else "committed"), verb
        return None, verb
    if modal == "could":
        return (None if neg else "open"), verb
    if modal in ("will", "would"):
        return ("declined" if neg else "committed"), verb
    return None, verb


def _against(action: Any) -> bool:
    """An action that is itself opposition: block, veto, reject, vote against."""
    lemma = action.lemma_.lower()
    if lemma in OPPOSE and lemma != "object":
        return True
    return lemma == "vote" and any(c.dep_ == "prep" and c.lower_ == "against" for c in action.children)


def find_commitments(ctx: Context) -> list[Commitment]:
    out: list[Commitment] = []
    seen: set[tuple[str, str, int]] = set()
    for sent in ctx.sents:
        if sent.kind != BODY:
            continue
        root = sent.span.root
        for verb in sent.span:
            if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass", "amod"):
                continue
            if verb.lemma_.lower() == "be" and verb.dep_ not in ("ROOT", "ccomp", "conj", "relcl", "advcl"):
                continue
            stance, target = _stance(verb)
            if stance is None:
                continue
            if _in_conditional_clause(verb, root) or _open_question(verb):
                continue
            actors = _subjects(ctx, verb)
            if not actors:
                continue
            condition, real = _condition(verb, ctx)
            if condition is None and target is not verb:
                condition, real = _condition(target, ctx)
            if stance == "committed" and _against(target):
                stance = "opposed"  # "will vote against the deal", "is prepared to block it"
            if real and stance == "committed":
                stance = "conditional"
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
