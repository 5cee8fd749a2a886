import OCR

// Tesseract's OpenMP must be limited before libtesseract loads: restart once with the limit set.
OpenMP.ensureSingleThreaded()
RPA.main()
