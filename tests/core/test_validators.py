import pytest
from django.core.exceptions import ValidationError

from core.validators import id_number_check_char, validate_id_number, validate_phone

# A published GB 11643 example: 11010519491231002X.
VALID = "11010519491231002X"


def test_check_char_of_the_standard_example():
    assert id_number_check_char(VALID[:17]) == "X"


def test_valid_number_passes_and_lowercase_x_is_accepted():
    validate_id_number(VALID)
    validate_id_number(VALID.lower())


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("110105194912310021", "id_check"),  # wrong check digit
        ("11010519491231002", "id_format"),  # 17 characters
        ("11010519491231002Y", "id_format"),
        ("110105194902300028", "id_birth"),  # 30 February
        ("110105299901010028", "id_birth"),  # born in the future
    ],
)
def test_bad_numbers_are_refused_with_a_chinese_message(number, code):
    with pytest.raises(ValidationError) as error:
        validate_id_number(number)
    assert error.value.code == code
    assert "身份证" in str(error.value.message)


@pytest.mark.parametrize("phone", ["13812345678", "0543-3160000"])
def test_phone_numbers_accepted(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["12345", "23812345678", "abc"])
def test_bad_phone_numbers_refused(phone):
    with pytest.raises(ValidationError):
        validate_phone(phone)
