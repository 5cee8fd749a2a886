import ArgumentParser

/// `rpa bench`: figures for BENCHMARKS.md, each compared with a baseline in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed, memory and accuracy against baselines on the same pages.",
        subcommands: [OCRBenchCommand.self, FormsBenchCommand.self]
    )
}
