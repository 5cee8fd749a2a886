import Imaging
import OCR

/// The program's entry point.
@main
enum Entry {
    static func main() async {
        // Tesseract's OpenMP must be limited before libtesseract loads: restart once with the limit set.
        OpenMP.ensureSingleThreaded()
        PageMemory.reuseFreedPageBuffers()
        await RPA.main()
    }
}
