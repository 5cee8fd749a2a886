import Foundation
import Testing

@testable import Workflow

@Suite("個人番号, 法人番号, postal codes, phone numbers")
struct IdentifierValidationTests {
    @Test(
        "valid My Numbers",
        arguments: ["123456789018", "987654321093", "111111111118", "000000000000", "567890123457"])
    func validMyNumbers(number: String) {
        #expect(FieldCheck.myNumber.validate(number) == nil)
        #expect(FieldType.myNumber.normalize(number) == .success(number))
    }

    @Test func myNumberCheckDigitFollowsTheLaw() {
        #expect(CheckDigit.myNumber("12345678901") == 8)
        #expect(CheckDigit.myNumber("98765432109") == 3)
        #expect(CheckDigit.myNumber("1234567890") == nil)
        #expect(CheckDigit.myNumber("1234567890a") == nil)
    }

    @Test(
        "My Numbers as OCR reads them",
        arguments: [
            "１２３４５６７８９０１８", "1234 5678 9018", "1234-5678-9018", "1234一5678一9018", "l234567890l8",
            "I23456789O18",
        ])
    func myNumberOCR(raw: String) {
        #expect(FieldType.myNumber.normalize(raw) == .success("123456789018"))
    }

    @Test(
        "bad My Numbers",
        arguments: [
            ("123456789019", "check_digit"), ("123456789010", "check_digit"), ("12345678901", "length"),
            ("1234567890189", "length"), ("12345678901A", "format"), ("１２３４５６７８９０１９", "check_digit"),
        ])
    func badMyNumbers(raw: String, code: String) {
        #expect(FieldCheck.myNumber.validate(raw)?.code == code)
        guard case .failure(let failure) = FieldType.myNumber.normalize(raw) else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.code == code)
        #expect(!failure.message.contains(raw))
        #expect(!failure.message.contains("1234"))
    }

    @Test("valid corporate numbers", arguments: ["7000012050002", "1180301018771", "5000011000001"])
    func validCorporateNumbers(number: String) {
        #expect(FieldCheck.corporateNumber.validate(number) == nil)
        #expect(FieldType.corporateNumber.normalize(number) == .success(number))
    }

    @Test func corporateCheckDigit() {
        #expect(CheckDigit.corporateNumber("000012050002") == 7)
        #expect(CheckDigit.corporateNumber("00001205000") == nil)
        #expect(FieldType.corporateNumber.normalize("７０００ ０１２０ ５０００２") == .success("7000012050002"))
    }

    @Test(
        "bad corporate numbers",
        arguments: [
            ("8000012050002", "check_digit"), ("7000012050003", "check_digit"), ("700001205000", "length"),
        ])
    func badCorporateNumbers(raw: String, code: String) {
        #expect(FieldCheck.corporateNumber.validate(raw)?.code == code)
        #expect(FieldCheck.corporateNumber.validate(raw).map { $0.message.contains(raw) } == false)
    }

    @Test(
        "postal codes",
        arguments: [
            "252-5277", "2525277", "〒252-5277", "〒 252-5277", "２５２－５２７７", "〒２５２５２７７", "エ252-5277", "252一5277",
            "252ー5277", "252 5277", "25２-5277", "干252-5277", "〶252-5277",
        ])
    func postalCodes(raw: String) {
        #expect(FieldType.postalCode.normalize(raw) == .success("252-5277"))
        #expect(FieldCheck.postalCode.validate(raw) == nil)
    }

    @Test(
        "bad postal codes",
        arguments: ["252-527", "25-25277", "252-52777", "2525-277", "〒〒252-5277", "252-527A", "252--5277"])
    func badPostalCodes(raw: String) {
        #expect(FieldCheck.postalCode.validate(raw)?.code == "format")
    }

    @Test(
        "phone numbers",
        arguments: [
            ("042-754-1111", "042-754-1111"), ("042一754一1111", "042-754-1111"),
            ("０４２－７５４－１１１１", "042-754-1111"),
            ("0427541111", "0427541111"), ("042(754)1111", "042-754-1111"), ("(042)754-1111", "042-754-1111"),
            ("090-1234-5678", "090-1234-5678"), ("09012345678", "09012345678"),
            ("0120-123-456", "0120-123-456"),
            ("042 754 1111", "0427541111"), ("042ー754ー1111", "042-754-1111"),
            ("O42-754-llll", "042-754-1111"),
            ("0800-123-4567", "0800-123-4567"), ("050-1234-5678", "050-1234-5678"),
        ])
    func phones(raw: String, expected: String) {
        #expect(FieldType.phone.normalize(raw) == .success(expected))
        #expect(FieldCheck.phone.validate(raw) == nil)
    }

    @Test(
        "bad phone numbers",
        arguments: [
            ("042-754-111", "length"), ("04275411111", "length"), ("0901234567", "length"),
            ("42-754-1111", "format"), ("0042-754-111", "format"), ("042-754-1111-1", "format"),
            ("042-ABC-1111", "format"),
            ("+81-42-754-1111", "format"),
        ])
    func badPhones(raw: String, code: String) {
        let failure = FieldCheck.phone.validate(raw)
        #expect(failure?.code == code)
        #expect(failure.map { $0.message.contains(raw) } == false)
    }
}
