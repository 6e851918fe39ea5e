"""Money in CNY, exact to the fen (two decimals), never float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from domain.exceptions import InvalidValue

FEN = Decimal("0.01")
MAX_AMOUNT = Decimal("100000000.00")


def parse_amount(raw: Decimal | str | int, field: str) -> Decimal:
    """A non-negative amount with at most two decimals.

    Floats are refused: 0.1 + 0.2 is not 0.3, and money must add up exactly.
    """
    if isinstance(raw, (float, bool)):
        raise InvalidValue(field, "must be given as a decimal string, not a float")
    try:
        amount = Decimal(str(raw).strip())
    except InvalidOperation:
        raise InvalidValue(field, "must be a decimal amount such as 1500.00") from None
    if not amount.is_finite():
        raise InvalidValue(field, "must be a finite amount")
    if amount < 0:
        raise InvalidValue(field, "must not be negative")
    # Checked before quantising: a 27-digit amount would overflow the context.
    if amount > MAX_AMOUNT:
        raise InvalidValue(field, "is implausibly large")
    if amount != amount.quantize(FEN):
        raise InvalidValue(field, "must have at most two decimals (fen)")
    return abs(amount.quantize(FEN))  # abs: "-0.00" is zero, shown without a sign
