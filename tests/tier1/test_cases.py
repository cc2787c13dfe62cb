"""Service cases (zhengwu_hall.rules.cases, rules.proxy): hand-computed on the 2026 official calendar.

2026 around National Day (holidays package): Fri 25 Sep (中秋) off; Mon 28 – Wed 30 Sep working; Thu 1 – Wed 7 Oct
off; Thu 8, Fri 9 Oct working; Sat 10 Oct a make-up working day (调休上班); Sun 11 Oct off; Mon 12 Oct working.
"""

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from zhengwu_hall.rules import cases as C
from zhengwu_hall.rules import proxy as P
from zhengwu_hall.rules.packs import RuleNotConfigured

PACK_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "packs"


def load_pack_file(slug):
	return json.loads((PACK_DIR / f"{slug}.json").read_text(encoding="utf-8"))[0]


def D(s):
	return dt.date.fromisoformat(s)


def test_no_frappe_import():
	assert "frappe" not in sys.modules


# --- promised date (限时办结制 第六条) -------------------------------------------------------------------


def test_counted_from_the_acceptance_day_over_national_day_and_the_make_up_saturday():
	# Tue 29 Sep (1), Wed 30 Sep (2), Thu 8 Oct (3), Fri 9 Oct (4), Sat 10 Oct make-up working day (5)
	assert C.promised_date("2026-09-29", 5) == D("2026-10-10")


def test_one_day_limit_ends_on_the_acceptance_day_and_zero_is_immediate():
	assert C.promised_date("2026-09-29", 1) == D("2026-09-29")
	assert C.promised_date("2026-09-29", 0) == D("2026-09-29")


def test_accepted_on_a_day_off_starts_on_the_next_working_day():
	assert C.promised_date("2026-10-03", 1) == D("2026-10-08")


def test_incomplete_materials_have_no_date_until_supplemented():
	assert C.promised_date("2026-09-29", 3, materials_complete=False) is None


def test_supplement_restarts_the_clock_on_the_supplement_day():
	# Fri 9 Oct (1), Sat 10 Oct 调休 (2), Mon 12 Oct (3)
	assert C.promised_date("2026-09-29", 3, materials_complete=False, supplemented_on="2026-10-09") == D(
		"2026-10-12"
	)


def test_a_supplement_date_on_a_complete_case_is_ignored():
	assert C.promised_date("2026-09-29", 2, materials_complete=True, supplemented_on="2026-10-09") == D(
		"2026-09-30"
	)


def test_supplement_before_acceptance_is_an_error():
	with pytest.raises(ValueError):
		C.promised_date("2026-09-29", 3, materials_complete=False, supplemented_on="2026-09-28")


# --- overdue (第十条, 第十一条) ----------------------------------------------------------------------------

DL = D("2026-10-10")


def facts(**kw):
	return C.CaseFacts(deadline=DL, **kw)


def test_completed_on_the_promised_date_and_delivered_is_on_time():
	assert C.overdue_reasons(facts(completed_on=DL, delivered_on=DL), "2026-10-20") == []


def test_completed_after_the_promised_date_is_late():
	assert C.overdue_reasons(facts(completed_on=D("2026-10-12")), "2026-10-12") == [C.LATE]


def test_open_case_becomes_late_the_day_after_the_promised_date():
	assert C.overdue_reasons(facts(), "2026-10-10") == []
	assert C.overdue_reasons(facts(), "2026-10-11") == [C.LATE]


def test_approved_extension_moves_the_deadline():
	extended = C.CaseFacts(
		deadline=D("2026-10-20"),
		original_deadline=DL,
		completed_on=D("2026-10-15"),
		delivered_on=D("2026-10-15"),
	)
	assert C.overdue_reasons(extended, "2026-10-30") == []


def test_unjustified_refusal_is_overdue_a_justified_one_is_not():
	assert C.overdue_reasons(facts(refused=True, refusal_unjustified=True), "2026-09-29") == [
		C.UNJUSTIFIED_REFUSAL
	]
	assert C.overdue_reasons(facts(refused=True), "2026-12-01") == []


def test_no_reply_is_overdue():
	assert C.overdue_reasons(facts(reply_not_given=True), "2026-09-29") == [C.NO_REPLY]


def test_extension_applied_after_expiry_is_overdue_on_the_day_is_not():
	assert C.overdue_reasons(facts(extension_applied_on=(DL,)), "2026-10-09") == []
	late = C.CaseFacts(
		deadline=D("2026-10-20"),
		original_deadline=DL,
		extension_applied_on=(D("2026-10-12"),),
		completed_on=D("2026-10-15"),
		delivered_on=D("2026-10-15"),
	)
	assert C.overdue_reasons(late, "2026-10-30") == [C.LATE_EXTENSION]


def test_result_not_delivered_within_the_limit():
	assert C.overdue_reasons(
		facts(completed_on=D("2026-10-09"), delivered_on=D("2026-10-12")), "2026-10-12"
	) == [C.NOT_DELIVERED]
	assert C.overdue_reasons(facts(completed_on=D("2026-10-09")), "2026-10-10") == []
	assert C.overdue_reasons(facts(completed_on=D("2026-10-09")), "2026-10-11") == [C.NOT_DELIVERED]


def test_applicant_delay_keeps_the_case_on_time():
	assert C.overdue_reasons(facts(applicant_delay=True), "2026-11-30") == []
	assert C.overdue_reasons(facts(applicant_delay=True, completed_on=D("2026-10-09")), "2026-11-30") == []
	# but not an unjustified refusal or a missing reply
	assert C.overdue_reasons(facts(applicant_delay=True, reply_not_given=True), "2026-11-30") == [C.NO_REPLY]


def test_awaiting_materials_is_never_late():
	assert C.overdue_reasons(C.CaseFacts(deadline=None), "2027-01-01") == []


def test_several_reasons_in_the_order_of_the_article():
	f = facts(reply_not_given=True, extension_applied_on=(D("2026-10-12"),))
	assert C.overdue_reasons(f, "2026-10-12") == [C.LATE, C.NO_REPLY, C.LATE_EXTENSION]


# --- extension eligibility (第八条, 第十条 (三)) --------------------------------------------------------------


def test_extension_before_and_on_the_promised_date_is_allowed():
	assert C.extension_problem(DL, "2026-10-09", "2026-10-20") is None
	assert C.extension_problem(DL, DL, "2026-10-20") is None


def test_extension_after_expiry_is_refused():
	assert C.extension_problem(DL, "2026-10-11", "2026-10-20") == C.EXT_AFTER_EXPIRY


def test_extension_must_move_the_date_later():
	assert C.extension_problem(DL, "2026-10-09", DL) == C.EXT_NOT_LATER
	assert C.extension_problem(DL, "2026-10-09", None) == C.EXT_NOT_LATER


def test_extension_of_a_closed_case_or_a_case_without_deadline():
	assert C.extension_problem(DL, "2026-10-09", "2026-10-20", closed=True) == C.EXT_CASE_CLOSED
	assert C.extension_problem(None, "2026-10-09", "2026-10-20") == C.EXT_NO_DEADLINE


def test_applicant_told_before_the_original_deadline():
	assert C.applicant_told_in_time("2026-10-10", DL)
	assert not C.applicant_told_in_time("2026-10-11", DL)
	assert not C.applicant_told_in_time(None, DL)


def test_extension_route_from_the_packs():
	qinnan = load_pack_file("qinzhou-qinnan")
	assert C.extension_route(qinnan) == ("Center Director", "Government Leader")
	with pytest.raises(RuleNotConfigured) as e:
		C.extension_route(load_pack_file("baofeng"))
	assert "请管理员" in str(e.value)


# --- handover (审管分离 第二十三条) ------------------------------------------------------------------------


def test_handover_due_same_day_or_next_working_day():
	assert C.handover_due("2026-09-30", 0) == D("2026-09-30")
	assert C.handover_due("2026-09-30", 1) == D("2026-10-08")  # National Day in between
	assert C.handover_limit(load_pack_file("qinzhou-qinnan")) == 1


def test_handover_lateness():
	assert not C.handover_late("2026-09-30", "2026-10-08", 1)
	assert C.handover_late("2026-09-30", "2026-10-09", 1)
	assert not C.handover_late("2026-09-30", None, 1, as_of="2026-10-08")
	assert C.handover_late("2026-09-30", None, 1, as_of="2026-10-09")


# --- early warning and the monthly circular (第九条) ---------------------------------------------------------


def test_warning_within_the_working_days_before_the_promised_date():
	assert not C.needs_warning("2026-10-08", DL, 2)  # 8, 9, 10 Oct: three working days
	assert C.needs_warning("2026-10-09", DL, 2)
	assert not C.needs_warning("2026-10-11", DL, 2)  # past: overdue, not warned
	with pytest.raises(RuleNotConfigured):
		C.warning_days(load_pack_file("qinzhou-qinnan"))


def test_month_counts_per_window():
	cases = [
		{
			"service_window": "W1",
			"completed_on": "2026-10-09",
			"promised_date": "2026-10-10",
			"is_overdue": 0,
		},
		{
			"service_window": "W1",
			"completed_on": "2026-10-12",
			"promised_date": "2026-10-10",
			"is_overdue": 1,
		},
		{"service_window": "W1", "completed_on": None, "promised_date": "2026-10-20", "is_overdue": 0},
		{"service_window": "W2", "refused_on": "2026-10-05", "promised_date": None, "is_overdue": 1},
		{
			"service_window": "W2",
			"completed_on": "2026-11-02",
			"promised_date": "2026-10-30",
			"is_overdue": 1,
		},
		{"service_window": "W3", "completed_on": None, "promised_date": "2026-09-30", "is_overdue": 1},
	]
	out = C.month_counts(cases, D("2026-10-01"), D("2026-10-31"))
	assert out == {
		"W1": {"total": 3, "completed": 2, "on_time": 1, "overdue": 1, "open": 1},
		"W2": {"total": 1, "completed": 1, "on_time": 0, "overdue": 1, "open": 0},
	}


# --- proxy service authorization -------------------------------------------------------------------------


def test_id_number_checksum_and_mask():
	assert P.id_number_problem("11010519491231002X") is None
	assert P.id_number_problem("11010519491231002x") is None
	assert P.id_number_problem("110105194912310021") == "checksum"
	assert P.id_number_problem("1101051949123100") == "format"
	assert P.id_number_problem(None) == "format"
	assert P.mask_id_number("11010519491231002X") == "110105********002X"


def test_termination_needs_one_of_the_five_causes():
	assert len(P.TERMINATION_CAUSES) == 5
	assert P.termination_problem(P.TERMINATED, None) == "cause_missing"
	assert P.termination_problem(P.TERMINATED, "Other Cause") is None
	assert P.termination_problem(P.IN_PROXY, None) is None
