"""The parts of the workbook that an import reads back: sheet names, the indicator sheet's
header and the 说明 sheet's items. Exporters write them from here; `importing` checks them
against here."""

from __future__ import annotations

PRODUCT = "工会年报"
# 2: numeric indicator codes by table of the statistics return (1 had English keys).
# 3: 职工董事/监事, 劳动保护监督检查, 职工技协 (411-414, 609-610, 808-809) and the unit's kind
#    (单位类型) in the 说明 sheet, signed with the figures.
FORMAT_VERSION = "3"

INDICATOR_SHEET = "统计指标"
INDICATOR_HEADER = ("指标代码", "指标名称", "计量单位", "数值")

ABOUT_SHEET = "说明"
ABOUT_HEADER = ("项目", "内容")
# Items of the 说明 sheet, by their label in the first column.
ITEM_PRODUCT = "系统"
ITEM_KIND = "文件类型"
ITEM_VERSION = "格式版本"
ITEM_UNION_NAME = "工会名称"
ITEM_UNION_CODE = "工会代码"
ITEM_YEAR = "统计年度"
ITEM_PERIOD_START = "统计期间起"
ITEM_PERIOD_END = "统计期间止"
ITEM_EXPORTED_AT = "导出时间"
ITEM_EXPORTED_BY = "导出人"
ITEM_IDS = "身份证号"
ITEM_UNITS = "汇总单位数"
ITEM_UNIT_KIND = "单位类型"  # of an annual workbook, from the union's year profile; blank unknown
ITEM_DIGEST = "指标校验码"
ITEM_SIGNATURE = "数字签名"
ITEM_SIGNATURE_KEY = "签名公钥指纹"
ITEM_NOTE = "备注"

KIND_ANNUAL = "统计年报工作簿"
KIND_ROLLUP = "汇总统计年报工作簿"
