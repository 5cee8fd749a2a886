import ArgumentParser
import Foundation

/// Reads a sensitive correction (My Number) from standard input, never from the command line, where
/// it would stay in shell history and show in `ps`.
///
/// On a terminal the value is typed twice without echo and both must match (二重入力); from a pipe,
/// one line per field, in the order the `--read` options were given.
enum SecretInput {
    static func read(field: String) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else {
                throw ValidationError("--read \(field): standard input ended before its value")
            }
            return line
        }
        let first = try prompt("\(field): ")
        let second = try prompt("\(field) (again): ")
        guard first == second else {
            throw ValidationError("--read \(field): the two entries differ; nothing was changed, try again")
        }
        return first
    }

    /// One line typed with echo off.
    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else {
            throw ValidationError("standard input ended before the value")
        }
        return line
    }
}
