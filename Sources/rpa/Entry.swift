import ArgumentParser
import Imaging
import OCR

/// The program's entry point: runs the command, and turns whatever it throws into a message and a
/// documented exit code in one place (``ExitStatus``).
@main
enum Entry {
    static func main() async {
        // Tesseract's OpenMP must be limited before libtesseract loads: restart once with the limit set.
        OpenMP.ensureSingleThreaded()
        PageMemory.reuseFreedPageBuffers()
        do {
            var command = try RPA.parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            ExitStatus.exit(for: error)
        }
    }
}
