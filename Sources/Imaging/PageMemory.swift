import CImaging

/// How the process holds the memory of large page buffers.
///
/// A 300 dpi A4 page is 8.7 MB of gray pixels. By default glibc gives each such buffer fresh pages
/// from the kernel and returns them when it is freed, so every page pays for thousands of page
/// faults again (measured here: a JPEG page's decoding took 18 ms instead of 13). Keeping freed
/// buffers in the process lets the next page reuse them; the cost is a few page-sized buffers of
/// resident memory per worker.
public enum PageMemory {
    /// Serves buffers up to 32 MiB from the heap and keeps up to 64 MiB of freed heap per arena.
    /// Call once, early; it changes how the whole process allocates.
    public static func reuseFreedPageBuffers() {
        _ = rpa_keep_freed_buffers(32 << 20, 64 << 20)
    }
}
