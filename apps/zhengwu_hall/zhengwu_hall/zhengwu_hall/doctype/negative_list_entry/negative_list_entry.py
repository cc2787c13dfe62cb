# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""负面清单: an item the hall does not handle, the reason and where to apply instead (seed 003 二(三)1 理清事项清单:
编制公开本级服务事项清单和负面清单 ... 除场地限制或涉及国家秘密等情形外). Published on the hall's public item list."""

from frappe.model.document import Document


class NegativeListEntry(Document):
	pass
