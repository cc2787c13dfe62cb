# zhengwu_hall — 政务服务大厅效能监督. No frappe import here: tier-1 tests import zhengwu_hall.rules without a bench.
__version__ = "0.1.0"
