"""The error messages in Chinese, one entry per message template.

Keys are the English as the domain, the application and the HTTP layer raise
it, with `{name}` where the message holds a variable part (a date, a limit, a
state, an id); the Chinese keeps the same `{name}`s. A variable part that is
itself words of ours (a command, a state, an earlier step, a kind of record)
is put in Chinese through WORDS; anything else (a date, a number, an id, a
list of accepted codes) is kept as it is. Messages never hold a value the
caller sent, so neither do their translations.

A long data module by design: the whole vocabulary in one place, for the
reader who checks a translation. `tests/unit/test_error_messages.py` finds
every message the code can raise and fails if one is missing here.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # -- refused transitions and records (domain/exceptions.py, application/exceptions.py)
    "cannot {command} when the record is {state}": "记录状态为“{state}”，不能{command}",
    "cannot {command} when the record is {state}: {reason}": (
        "记录状态为“{state}”，不能{command}：{reason}"
    ),
    "cannot {command}: worker {worker_id} is deactivated": (
        "劳动者 {worker_id} 的档案已停用，不能{command}"
    ),
    "no {kind} with id {record_id}": "没有编号为 {record_id} 的{kind}",
    "no {kind} with id (not a {named} id)": "这不是有效的{named}编号",
    "record {record_id} had not been recorded yet at that moment or version": (
        "记录 {record_id} 在该时刻或该版本时尚未登记"
    ),
    "record {record_id} had no fact dated on or before that day": (
        "记录 {record_id} 在该日及以前尚无业务日期的事实"
    ),
    "this {what} already exists as {existing_id}": "该{what}已存在，编号为 {existing_id}",
    "this person is already registered as worker {existing_id}": (
        "此人已登记，劳动者编号为 {existing_id}"
    ),
    "the record is at version {current}, not {expected}": (
        "记录已是第 {current} 版，不是第 {expected} 版；请重新读取后再操作"
    ),
    "record {record_id} was changed by another request at the same time;"
    " reload it and try again": "记录 {record_id} 同时被另一个请求修改；请重新读取后再试",
    "another evaluation of these subsidies was recorded at the same time; try again": (
        "这些补贴同时有另一次核定已登记；请重试"
    ),
    "the read model has reached log position {reached}, not yet {wanted}; retry shortly": (
        "查询数据已更新到日志位置 {reached}，尚未到 {wanted}；请稍后重试"
    ),
    "record {record_id} version {version} is damaged: {reason}. The record is not shown;"
    " an operator finds every damaged event with `laborbridge audit verify`": (
        "记录 {record_id} 第 {version} 版已损坏：{reason}。该记录不予显示；"
        "运维人员可用 `laborbridge audit verify` 找出所有损坏的事件"
    ),
    "record {record_id} version {version} at log position {position} is damaged: {reason}."
    " The record is not shown; an operator finds every damaged event with"
    " `laborbridge audit verify`": (
        "记录 {record_id} 第 {version} 版（日志位置 {position}）已损坏：{reason}。该记录不予显示；"
        "运维人员可用 `laborbridge audit verify` 找出所有损坏的事件"
    ),
    "the {role} role may not {action}": "{role}无权{action}",
    # -- identity, contact, divisions (domain/identity.py, contact.py, divisions.py)
    "must be 18 characters": "公民身份号码必须是 18 位",
    "must be 17 digits followed by a digit or X": "必须是 17 位数字，再加一位数字或 X",
    "check character does not match (GB 11643)": "不是有效的公民身份号码：校验码不符",
    "birth date part is not a real date": "不是有效的公民身份号码：出生日期不存在",
    "birth date part is not plausible": "不是有效的公民身份号码：出生日期不合常理",
    "region code is not a known division code": (
        "不是有效的公民身份号码：地址码不是已知的行政区划代码"
    ),
    "must be an 11-digit mainland mobile number starting with 1": (
        "手机号码必须是以 1 开头的 11 位数字"
    ),
    "must be a six-digit administrative division code": "必须是六位行政区划代码",
    "is not a known administrative division code": "不是已知的行政区划代码",
    # -- the worker (domain/worker.py, worker_profile.py, actor.py)
    "the worker must consent to data processing": "须经劳动者本人同意处理其个人信息",
    "the worker is under the minimum working age of 16": "劳动者未满最低就业年龄 16 周岁",
    "must list at most {count} skills": "技能最多填写 {count} 项",
    "must be 1 to {count} characters without spaces": "必须是 1 至 {count} 个字符，不含空格",
    # -- text (domain/text.py)
    "must not be empty": "不能为空",
    "must be at most {count} characters": "最多 {count} 个字符",
    "must not contain control characters": "不能包含控制字符",
    "must not contain direction-changing characters": "不能包含改变文字方向的字符",
    "must not contain invisible or direction-changing characters": (
        "不能包含不可见字符或改变文字方向的字符"
    ),
    # -- dates and choices (domain/rules.py)
    "must not be in the future": "不能晚于今天",
    "must not be before {earlier} ({day})": "不能早于{earlier}（{day}）",
    "must not be after {day} (more than {years} years ahead)": (
        "不能晚于 {day}（不能超过 {years} 年以后）"
    ),
    "must be one of: {allowed}": "必须是以下之一：{allowed}",
    # -- staff accounts (infrastructure/staff_accounts.py)
    "must be 1 to 64 letters, digits, '.', '_' or '-'": (
        "须为 1 至 64 个英文字母、数字或“.”“_”“-”"
    ),
    "must be at least {count} characters": "至少 {count} 个字符",
    "must be one of {allowed}": "必须是以下之一：{allowed}",
    "{user} exists already": "用户名 {user} 已被使用",
    # -- money and hours (domain/money.py, training.py)
    "must be given as a decimal string, not a float": (
        "金额须用文本形式的十进制数填写，不能用浮点数"
    ),
    "must be a decimal amount such as 1500.00": "必须是金额，如 1500.00",
    "must be a finite amount": "必须是有限的金额",
    "must not be negative": "不能为负数",
    "is implausibly large": "金额过大，不合常理",
    "must have at most two decimals (fen)": "最多两位小数（精确到分）",
    "must be a whole or decimal number of hours": "必须是学时数（整数或小数）",
    "must be a number of hours": "必须是学时数",
    "must be more than 0 and at most {maximum}": "必须大于 0，且不超过 {maximum}",
    "must have at most one decimal": "最多一位小数",
    # -- placements (domain/placement.py, placement_terms.py, application/placement_commands.py)
    "must be more than zero": "必须大于零",
    "is a transfer of another worker": "是其他劳动者的转移记录",
    "names a cancelled transfer": "对应的转移已取消",
    "must not be before the confirmed month {month}": "不能早于已确认在岗的月份 {month}",
    "must not be after the month it is confirmed in": "不能晚于确认操作所在的月份",
    "must not be before the start month {month}": "不能早于开始月份 {month}",
    "must not be after the end month {month}": "不能晚于结束月份 {month}",
    "must be a month written YYYY-MM, e.g. 2026-05": "必须是月份，格式为 YYYY-MM，如 2026-05",
    "must be a valid unified social credit code": "不是有效的统一社会信用代码",
    "must equal occurred_on when both are given": "两项都填写时，必须与 occurred_on 相同",
    # -- disputes (domain/dispute.py, dispute_terms.py)
    "must not exceed the amount agreed": "不能超过协议约定的金额",
    "must be given with the media type, more than 0": "须与文件类型一同给出，且大于 0",
    # -- staff administration (infrastructure/staff_administration.py)
    "you cannot disable your own account": "不能停用自己的账号",
    "you cannot change your own role": "不能更改自己的角色",
    "no such account": "没有这个账号",
    "must be 1 to 366 days": "须为 1 至 366 天",
    "is not in the register of offices": "不在机构名录中",
    "names an office that is not in the register of offices": "所列办公室不在机构名录中",
    "must be wider than one office (the office names that)": (
        "应大于一个办公室（单个办公室填写在机构代码中）"
    ),
    "only auditors and mediators may be given a wider scope": (
        "只有审计人员和调解员可以有更大的范围"
    ),
    "is not a valid unified social credit code (GB 32100)": "不是有效的统一社会信用代码",
    "must be 64 hexadecimal characters (a SHA-256 digest)": (
        "必须是 64 位十六进制字符（SHA-256 摘要）"
    ),
    "must be a list of names": "必须是姓名列表",
    "must name at least one attendee": "至少要有一名参加人",
    "must name at most {count} attendees": "参加人最多 {count} 名",
    # -- subsidies (domain/subsidy_history.py, subsidy_policy.py)
    "is set exactly when the transfer has arrived": "转移已到达时必须填写，未到达时不能填写",
    "must confirm each month once": "每个月份只能确认一次",
    "must be a decimal amount": "必须是金额",
    "must be a non-negative amount with at most two decimals": (
        "必须是不为负数、最多两位小数的金额"
    ),
    "must be at least one month": "至少为一个月",
    "must be the two-digit code of a province": "必须是两位数的省级代码",
    "must hold at least one version": "至少要有一个版本",
    "must not hold the same version twice": "不能包含重复的版本",
    "must not have two versions taking effect the same day": "不能有两个版本在同一天生效",
    # -- the audit trail (domain/audit_export.py, application/log_reading.py, infrastructure)
    "only auditors export the records": "只有审计人员可以导出记录",
    "must be after from": "必须晚于 from",
    "must be after from (without to: now)": "必须晚于 from（未填 to 时即现在）",
    "must say its offset from UTC": "必须注明与 UTC 的时差，如 +08:00",
    "no events exported, so no positions": "没有导出任何事件，因此没有日志位置",
    "must be a log position, not after last_position": (
        "必须是日志位置，且不能在 last_position 之后"
    ),
    "must fit between first_position and last_position": (
        "必须与 first_position 至 last_position 之间的事件数相符"
    ),
    "a workbook holds at most {maximum} events and this range has {count}:"
    " use csv or jsonl, or a shorter range": (
        "一个工作簿最多容纳 {maximum} 个事件，而此范围有 {count} 个："
        "请改用 csv 或 jsonl，或缩短范围"
    ),
    "is not a cursor this list gave out": "不是本列表给出的游标",
    "give either as_of or version, not both": "as_of 与 version 只能填写其中一个",
    "is needed with basis=business": "按业务日期回溯（basis=business）时必须填写",
    # -- request shapes (interfaces/http/schemas/, dependencies.py)
    "must be a version of at most {count} digits": "必须是不超过 {count} 位数字的版本号",
    "must be a date written YYYY-MM-DD, e.g. 2026-03-02": (
        "必须是日期，格式为 YYYY-MM-DD，如 2026-03-02"
    ),
    "must be an ISO 8601 date or date-time, e.g. 2026-03-02 or 2026-03-02T18:00:00+08:00": (
        "必须是 ISO 8601 日期或日期时间，如 2026-03-02 或 2026-03-02T18:00:00+08:00"
    ),
    "is not a calendar date": "不是实际存在的日期",
    "is not a valid calendar date and time": "不是实际存在的日期时间",
    "six digits; full-width digits, spaces and hyphens are accepted": (
        "必须是六位数字；可以使用全角数字、空格和连字符"
    ),
    "17 digits then a digit or X; full-width input, spaces and hyphens are accepted": (
        "公民身份号码必须是 17 位数字再加一位数字或 X；可以使用全角输入、空格和连字符"
    ),
    "11 digits starting 13-19, optionally after +86 or 0086; full-width input,"
    " spaces and hyphens are accepted": (
        "手机号码必须是 11 位数字，以 13 至 19 开头，前面可加 +86 或 0086；"
        "可以使用全角输入、空格和连字符"
    ),
    "must be CNY as a decimal string with at most two decimals, e.g. 1500.00"
    " (or a whole number), at most {maximum}": (
        "必须是人民币金额，用最多两位小数的文本填写，如 1500.00（也可以是整数），不超过 {maximum}"
    ),
    "must be hours as a decimal string with at most one decimal, e.g. 80 or 12.5"
    " (or a whole number), more than 0 and at most {maximum}": (
        "必须是学时数，用最多一位小数的文本填写，如 80 或 12.5（也可以是整数），"
        "大于 0 且不超过 {maximum}"
    ),
    "must be JSON text in UTF-8, not nested thousands deep, without numbers thousands of"
    " digits long": "必须是 UTF-8 编码的 JSON 文本，嵌套不能过深，数字不能过长",
    # -- answers before the routes (interfaces/http/problems.py, middleware/)
    "send a valid token as 'Authorization: Bearer <token>'": (
        "请用 'Authorization: Bearer <令牌>' 发送有效的令牌"
    ),
    "the database is unavailable or did not answer in time;"
    " retry after the number of seconds in Retry-After": (
        "数据库暂不可用或未及时响应；请在 Retry-After 所示的秒数之后重试"
    ),
    "the request failed unexpectedly; quote the X-Request-ID to support": (
        "请求意外失败；联系技术支持时请提供 X-Request-ID"
    ),
    "the request body is larger than {limit} bytes": "请求正文超过 {limit} 字节",
    "must be at most {limit} bytes": "最多 {limit} 字节",
    "must be a number of bytes": "必须是字节数",
    "must be UTF-8 text without control characters, at most {count} characters": (
        "必须是不含控制字符的 UTF-8 文本，最多 {count} 个字符"
    ),
    "must be UTF-8 text without control characters": "必须是不含控制字符的 UTF-8 文本",
    "parameter names must be short UTF-8 text": "参数名必须是简短的 UTF-8 文本",
    "must be 1 to {count} visible ASCII characters": "必须是 1 至 {count} 个可见 ASCII 字符",
    "was already used for a different request": "已用于另一个不同的请求",
    "a request with this Idempotency-Key has not finished yet": (
        "使用此 Idempotency-Key 的请求尚未完成"
    ),
    "{method} is not allowed here; this resource answers {allowed}": (
        "此处不接受 {method}；此资源只接受 {allowed}"
    ),
    "Not Found": "未找到",
    "Method Not Allowed": "不接受此请求方法",
    # offices, scopes and handover (domain/offices.py, scope.py, case_offices.py)
    "already serves this worker": "已在服务该劳动者",
    "names no handover offer of this worker": "不是该劳动者的移交申请",
    "a city office has its city's code (ending in 00)": "市级办公室应使用本市代码（以 00 结尾）",
    "a county or district office has its county's code": "区县办公室应使用本区县代码",
    "must be a city's or a county's code, not a province's": "应为市或区县代码，不能是省级代码",
    "an office is not its own partner": "办公室不能与自身结为协作关系",
    "must name offices already in the register": "必须是机构名录中已有的办公室",
    "must name an office in the register": "必须是机构名录中的办公室",
    "must be an office you reach": "必须是您可查看的办公室",
    "must be office:CODE, province:NN, pair:CODE-CODE or all": (
        "应为 office:代码、province:省代码、pair:代码-代码 或 all"
    ),
    "must name a province by its first two digits (37)": "应以省级代码前两位表示省份（如 37）",
    "must name a pair as two office codes (500237-370600)": (
        "协作双方应写作两个办公室代码（如 500237-370600）"
    ),
    "must name two different offices": "必须是两个不同的办公室",
    "lies outside your office's division and no partner office's": (
        "不在本办公室辖区内，也不在协作办公室辖区内"
    ),
    "is required for a worker whose hukou lies in a partner office's division": (
        "户籍在协作办公室辖区的劳动者必须填写原因"
    ),
    "must name a partner office of the registering office": "必须是登记地办公室的协作办公室",
    # which side records what (domain/recording_sides.py, application/case_access.py)
    "{fact} is recorded by {side}, not by your office": "{fact}由{side}登记，不由本办公室登记",
    # ledger imports (domain/ledger_entry.py, application/ledger_*.py)
    "must be 64 lowercase hexadecimal digits": "必须是 64 位小写十六进制数字",
    "must be 1 or more": "必须大于等于 1",
    "is required": "必填",
    "is required when the row has no departure or start date": "该行没有出发日期或入职日期时必填",
    "is required for a transfer": "有转移信息时必填",
    "is registered by another office": "此人已由其他办公室登记",
    "differs from the worker's record; the record is kept": "与已登记的档案不一致；保留原档案",
    "differs from the transfer's record; the record is kept": (
        "与已登记的转移记录不一致；保留原记录"
    ),
    "differs from the job spell's record; the record is kept": (
        "与已登记的就业记录不一致；保留原记录"
    ),
    "appears on {count} rows of this ledger; none of them is imported": (
        "在本台账中出现在 {count} 行；这些行均未导入"
    ),
    "was changed by someone else during the import; import the file again": (
        "导入期间被他人修改；请重新导入该文件"
    ),
}

# What fills a message's {placeholders}: commands, states, earlier steps, kinds
# of record, roles and reasons. Also templates ("confirm month {month}").
WORDS: dict[str, str] = {
    # commands refused by a record's state (the aggregates' `_ensure`, `_require`)
    "change contact": "修改联系方式",
    "change poverty status": "修改脱贫监测身份",
    "record job intention": "登记求职意向",
    "record skills": "登记技能",
    "record support service": "登记帮扶服务",
    "deactivate": "停用档案",
    "reactivate": "恢复档案",
    "complete the training": "登记结业",
    "certify the training": "登记培训证书",
    "withdraw from the training": "登记退学",
    "record the departure": "登记出发",
    "record the arrival": "登记到达",
    "cancel the transfer": "取消转移",
    "record the return": "登记返乡",
    "confirm month {month}": "确认 {month} 的在岗情况",
    "withdraw month {month}": "撤销 {month} 的在岗确认",
    "end the placement": "登记离职",
    "assign a mediator": "指派调解员",
    "record a mediation session": "登记调解",
    "add evidence": "添加证据",
    "escalate the dispute": "移送纠纷",
    "settle the dispute": "登记调解协议",
    "close the dispute": "结案",
    "reopen the dispute": "重新调解",
    "approve the subsidy": "审批补贴",
    "reject the subsidy": "作出不予发放的决定",
    "pay the subsidy": "发放补贴",
    "revoke the subsidy": "撤销补贴",
    # commands refused for a deactivated worker (application: active_worker)
    "arrange a transfer": "安排转移",
    "enrol in a training": "报名培训",
    "start a placement": "登记就业",
    "open a dispute": "受理纠纷",
    # why a transition is refused
    "that month is already confirmed": "该月已确认",
    "that month is not confirmed": "该月尚未确认",
    "the course was not passed": "培训未通过",
    "only an approved subsidy is paid, once": "只有已审批的补贴才能发放，且只发放一次",
    # states of records
    "active": "有效",
    "deactivated": "已停用",
    "enrolled": "已报名",
    "completed": "已结业",
    "certified": "已取证",
    "dropped": "已退学",
    "arranged": "已安排",
    "departed": "已出发",
    "arrived": "已到达",
    "cancelled": "已取消",
    "returned": "已返乡",
    "ended": "已离职",
    "opened": "已受理",
    "in_mediation": "调解中",
    "escalated": "已移送",
    "settled": "已达成协议",
    "closed": "已结案",
    "assessed": "已核定",
    "approved": "已审批",
    "rejected": "不予发放",
    "paid": "已发放",
    "revoked": "已撤销",
    "withdrawn": "已撤回",
    "overpaid": "多发待追回",
    # the earlier step a date may not precede (ensure_not_before)
    "the start date": "开始日期",
    "its confirmation": "确认日期",
    "the transfer's arrangement": "转移安排日期",
    "the enrolment date": "报名日期",
    "the completion date": "结业日期",
    "the arrangement date": "安排日期",
    "the departure date": "出发日期",
    "the arrival date": "到达日期",
    "the closure date": "结案日期",
    "the acceptance date": "受理日期",
    "the reopening date": "重新调解日期",
    "the deactivation": "档案停用日期",
    "the worker's birth": "劳动者出生日期",
    "the worker's {age}th birthday": "劳动者年满 {age} 周岁之日",
    "the worker's registration": "劳动者登记日期",
    "the date the subsidy arose": "补贴发生日期",
    "the approval": "审批日期",
    "the payment date": "发放日期",
    "planned_start": "planned_start",  # a field of the same body: its name
    # kinds of record
    "record": "记录",
    "worker": "劳动者",
    "training": "培训",
    "training enrolment": "培训报名",
    "transfer": "转移",
    "placement": "就业",
    "dispute": "纠纷",
    "import": "导入记录",
    "subsidy": "补贴",
    # roles, and what a role may not do (interfaces/http/access.py)
    "caseworker": "经办人员",
    "mediator": "调解员",
    "auditor": "审计人员",
    "admin": "管理员",
    "read case records": "查阅案卷",
    "read the audit trail": "查阅审计记录",
    "replay records": "回放记录",
    "record this": "登记此项",
    "handle disputes": "处理纠纷",
    "offer a handover": "提出移交",
    "accept a handover": "接收移交",
    "decline a handover": "拒绝移交",
    "withdraw a handover": "撤回移交",
    "add office": "添加办公室",
    "served by other offices": "由其他办公室服务",
    "offered": "已提出移交",
    "an offer to it is pending": "已有移交给该办公室的申请待处理",
    "offered to another office": "移交给的是另一个办公室",
    "offered by another office": "由另一个办公室提出",
    "registered": "已登记",
    "an office with this code exists": "该代码的办公室已存在",
    "pending": "待处理",
    "accepted": "已接收",
    "declined": "已拒绝",
    "lapsed": "已失效",
    "registration": "登记劳动力",
    "poverty status, job intention, skills, deactivation": "脱贫状态、求职意向、技能、停用与恢复",
    "contact changes": "联系方式变更",
    "support services": "帮扶服务",
    "training courses": "技能培训",
    "arranging a transfer, departure, cancellation": "组织转移、出发、取消",
    "arrival": "到岗确认",
    "return": "返乡",
    "placement (start, end)": "就业安置（上岗、离岗）",
    "monthly confirmations": "按月在岗确认",
    "opening a dispute at the workplace": "受理务工地劳动争议",
    "mediating, evidence, escalation, closing": "调解、证据、升级、结案",
    "subsidy approval, payment, revocation": "补贴审核、发放、撤销",
    "handover": "移交服务",
    "revealing the full ID number": "查看完整身份证号",
    "the registering office": "登记地（派出地）",
    "the receiving office where they work; the registering office while at home": (
        "务工地接收办公室；在家乡时为登记地"
    ),
    "the partner receiving office of the destination (else the registering office)": (
        "目的地的合作接收办公室（无合作办公室时为登记地）"
    ),
    "any office serving the worker": "任一服务该劳动者的办公室",
}

TITLES: dict[str, str] = {
    "Invalid input": "输入有误",
    "Not found": "未找到",
    "Already registered": "已登记",
    "Already recorded": "已有此记录",
    "Worker is deactivated": "劳动者档案已停用",
    "Not allowed in the current state": "当前状态下不能进行此操作",
    "Precondition failed": "记录已被他人修改",
    "Concurrent update": "同时修改冲突",
    "Concurrent evaluation": "同时核定冲突",
    "Read model behind": "查询数据尚未更新",
    "Damaged record": "记录已损坏",
    "Forbidden": "无权操作",
    "Not authenticated": "未登录或令牌无效",
    "Method not allowed": "不接受此请求方法",
    "Request body too large": "请求正文过大",
    "Request in progress": "请求正在处理",
    "Database unavailable": "数据库暂不可用",
    "Internal error": "内部错误",
    "Error": "出错了",
}

# Pydantic's errors by `type`, filled from the error's `ctx`. A type not here
# keeps pydantic's English `msg`; `value_error` and our own types (`pattern`,
# `iso_8601`, `decimal_text`) carry a message of ours, put in Chinese by MESSAGES.
VALIDATION: dict[str, str] = {
    "missing": "必填",
    "extra_forbidden": "不接受此字段",
    "string_type": "必须是文本",
    "string_too_short": "至少 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "string_pattern_mismatch": "格式不正确",
    "enum": "必须是以下之一：{expected}",
    "literal_error": "必须是以下之一：{expected}",
    "int_type": "必须是整数",
    "int_parsing": "必须是整数",
    "int_from_float": "必须是整数，不能有小数",
    "int_parsing_size": "数字过大",
    "float_type": "必须是数字",
    "float_parsing": "必须是数字",
    "finite_number": "必须是有限的数字",
    "decimal_type": "必须是十进制数",
    "decimal_parsing": "必须是十进制数",
    "decimal_max_digits": "最多 {max_digits} 位数字",
    "decimal_max_places": "最多 {decimal_places} 位小数",
    "bool_type": "必须是 true 或 false",
    "bool_parsing": "必须是 true 或 false",
    "date_type": "必须是日期，格式为 YYYY-MM-DD",
    "date_parsing": "必须是日期，格式为 YYYY-MM-DD",
    "date_from_datetime_parsing": "必须是日期，格式为 YYYY-MM-DD",
    "date_from_datetime_inexact": "必须是日期，不能带时间",
    "datetime_type": "必须是 ISO 8601 日期时间",
    "datetime_parsing": "必须是 ISO 8601 日期时间",
    "datetime_from_date_parsing": "必须是 ISO 8601 日期时间",
    "uuid_type": "必须是有效的编号（UUID）",
    "uuid_parsing": "必须是有效的编号（UUID）",
    "json_invalid": "不是有效的 JSON",
    "json_type": "必须是 JSON 文本",
    "dict_type": "必须是 JSON 对象",
    "model_type": "必须是 JSON 对象",
    "model_attributes_type": "必须是 JSON 对象",
    "list_type": "必须是列表",
    "too_short": "至少 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "greater_than": "必须大于 {gt}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than": "必须小于 {lt}",
    "less_than_equal": "不能大于 {le}",
    "multiple_of": "必须是 {multiple_of} 的倍数",
}
