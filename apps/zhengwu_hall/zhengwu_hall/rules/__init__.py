"""Domain rules of 政务服务大厅效能监督 as pure Python.

Nothing in this package imports frappe: every rule takes the jurisdiction's rule pack (plain data) and plain
values, so it runs and is tested anywhere (tier 1). DocType controllers stay thin and call into it.
"""
