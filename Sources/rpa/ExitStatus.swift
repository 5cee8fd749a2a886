import ArgumentParser
import Foundation
import Imaging
import Ledger
import OCR
import Pipeline
import Workflow

/// An error that knows which documented exit code it means.
protocol ExitCoded: Error {
    var exitCode: ExitCode { get }
}

/// The one place errors become exit codes and messages: the entry point calls it for whatever a
/// command throws. Commands throw typed errors and never choose a code themselves.
enum ExitStatus {
    /// Prints the error (one line, control characters escaped) and exits with its code.
    static func exit(for error: any Error) -> Never {
        if let coded = error as? any ExitCoded {
            printError("error: \(message(for: error))")
            RPA.exit(withError: coded.exitCode)
        }
        // ArgumentParser's own errors (usage, --help, ExitCode) print and exit as it decides; anything
        // else is a crash, exit 1.
        RPA.exit(withError: error)
    }

    /// What to print: Foundation's file errors as the file and the cause in words, the rest as they
    /// describe themselves (none holds a field value).
    static func message(for error: any Error) -> String {
        guard let cocoa = error as? CocoaError else { return "\(error)" }
        let file = cocoa.filePath ?? cocoa.url?.path ?? "a file"
        switch cocoa.code {
        case .fileWriteOutOfSpace: return "\(file): the disk is full; free some space and run again"
        case .fileWriteNoPermission, .fileWriteVolumeReadOnly:
            return "\(file): cannot write here (permission denied or read-only); choose another folder"
        case .fileReadNoPermission: return "\(file): cannot be read (permission denied)"
        case .fileReadNoSuchFile, .fileNoSuchFile: return "\(file): no such file or folder"
        default: return "\(file): \(cocoa.localizedDescription)"
        }
    }
}

extension LedgerError: ExitCoded {
    var exitCode: ExitCode {
        switch self {
        case .invalidDocumentHash, .invalidValue, .invalidReviewer, .invalidDate, .invalidAddress:
            return ExitCodes.usage
        case .unreachable: return ExitCodes.unavailable
        case .ledgerMissing: return ExitCodes.noInput
        case .storage: return ExitCodes.ioError
        case .notAFile, .notWritable: return ExitCodes.cannotCreate
        case .corrupt, .noSavingsRule, .ruleStartsTooEarly, .documentNotFound, .notInReview, .alreadyResolved,
            .conflictingResolution,
            .notResolved, .legacyWorkflowKey, .invalidTargets:
            return ExitCodes.badInput
        }
    }
}

extension ReviewError: ExitCoded {
    var exitCode: ExitCode {
        switch self {
        case .notFound, .ambiguous, .unknownField, .minutesOutOfRange, .reasonMissing: return ExitCodes.usage
        case .stillInvalid, .alreadyResolved, .taken: return ExitCodes.badInput
        case .served: return ExitCodes.unavailable
        }
    }
}

extension BatchError: ExitCoded {
    var exitCode: ExitCode {
        switch self {
        case .notAFolder: return ExitCodes.noInput
        case .outputNotWritable: return ExitCodes.cannotCreate
        }
    }
}

extension MixedBatchError: ExitCoded {
    /// Two workflows that cannot share a mixed batch: the command line is at fault.
    var exitCode: ExitCode { ExitCodes.usage }
}

extension OutputError: ExitCoded {
    var exitCode: ExitCode { ExitCodes.badInput }
}

extension FileFault: ExitCoded {
    var exitCode: ExitCode { isIOFault ? ExitCodes.ioError : ExitCodes.cannotCreate }
}

extension StateError: ExitCoded {
    /// RPA_STATE_KEY names a file that is not a key (32 bytes).
    var exitCode: ExitCode { ExitCodes.badInput }
}

extension TargetRefusal: ExitCoded {
    /// A device, pipe, folder or another user's file where rpa would write: choose another path.
    var exitCode: ExitCode { ExitCodes.cannotCreate }
}

extension OCRError: ExitCoded {
    var exitCode: ExitCode {
        switch self {
        case .tessdataNotFound, .languageMissing, .initFailed, .neuralMissing, .neuralAltered, .neuralFailed:
            return ExitCodes.missingDependency
        case .recognitionFailed, .poolStopped: return ExitCodes.ioError
        }
    }
}

extension ImageLoadError: ExitCoded {
    var exitCode: ExitCode { ExitCodes.badInput }
}

extension ImagingError: ExitCoded {
    /// A page whose geometry makes an operation impossible (a 1-pixel page, a zone outside it).
    var exitCode: ExitCode { ExitCodes.badInput }
}

extension WorkflowErrors: ExitCoded {
    var exitCode: ExitCode { ExitCodes.badInput }
}

extension CocoaError: ExitCoded {
    /// Foundation's file errors: where, and a code by cause.
    var exitCode: ExitCode {
        switch code {
        case .fileWriteOutOfSpace: return ExitCodes.ioError
        case .fileWriteNoPermission, .fileWriteVolumeReadOnly, .fileWriteInvalidFileName:
            return ExitCodes.cannotCreate
        case .fileReadNoSuchFile, .fileNoSuchFile, .fileReadNoPermission: return ExitCodes.noInput
        case .fileReadCorruptFile, .propertyListReadCorrupt, .coderReadCorrupt: return ExitCodes.badInput
        default: return ExitCodes.ioError
        }
    }
}

extension DecodingError: ExitCoded {
    var exitCode: ExitCode { ExitCodes.badInput }
}
