//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryClient
import ContentLibraryModel
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws the TransferEvents of `import` and `export` on standard error.
///
/// On a terminal, a bar per file in transfer and one for the total (bytes, rate, ETA) are
/// redrawn in place with `\r` and ANSI line controls, at most ten times a second; messages are
/// printed above them. Otherwise (a log, a pipe) it writes plain lines: one when a file starts
/// and ends and one per 10% of each file. The texts come from ProgressFormatter.
final class ProgressRenderer: Sendable {
    /// How progress is shown.
    enum Mode: Sendable, Equatable {
        /// Live bars on a terminal `columns` wide.
        case terminal(columns: Int)
        /// Plain lines.
        case plain
    }

    private struct Transfer {
        var size: Int64?
        var bytes: Int64 = 0
        var moved: Int64 = 0
        var started: ContinuousClock.Instant
        var decile = 0
    }

    private struct State {
        var total: Int64 = 0
        var finished: Int64 = 0
        var moved: Int64 = 0
        var started: ContinuousClock.Instant?
        var order: [String] = []
        var transfers: [String: Transfer] = [:]
        var drawnLines = 0
        var lastDraw: ContinuousClock.Instant?
    }

    let mode: Mode
    private let state = Mutex(State())
    private let clock = ContinuousClock()
    private let write: @Sendable (String) -> Void

    /// The least time between two redraws on a terminal.
    static let redrawInterval: Duration = .milliseconds(100)

    /// The renderer of `import` and `export`: bars on standard error when it is a terminal, plain
    /// lines otherwise (a log, a CI job).
    static func forStandardError() -> ProgressRenderer {
        ProgressRenderer(mode: isatty(2) != 0 ? .terminal(columns: TerminalInput.columns()) : .plain)
    }

    /// Creates a renderer writing with `write` (standard error by default).
    init(mode: Mode, write: @escaping @Sendable (String) -> Void = { FileStream.standardError.write($0) }) {
        self.mode = mode
        self.write = write
    }

    /// Shows one event.
    func handle(_ event: TransferEvent) {
        self.state.withLock { state in
            let now = self.clock.now
            switch event {
            case .note(let text):
                self.message(text, &state)
            case .started(let session, let files, let total):
                state.total = total
                state.started = now
                let count = "\(files.count) file\(files.count == 1 ? "" : "s")" + (total > 0 ? " (\(ProgressFormatter.bytes(total)))" : "")
                let verb = files.contains { $0.pullURL != nil } ? "the server pulls" : "sending"
                self.message("update session \(session): \(verb) \(count)", &state)
            case .fileStarted(let name, let size):
                state.order.append(name)
                state.transfers[name] = Transfer(size: size, started: now)
                if self.mode == .plain {
                    self.message("\(name): started" + (size.map { " (\(ProgressFormatter.bytes($0)))" } ?? ""), &state)
                } else {
                    self.draw(&state, now: now, force: true)
                }
            case .fileContinued(let name, let offset, let size):
                state.order.append(name)
                var transfer = Transfer(size: size, started: now)
                transfer.bytes = offset  // the bytes of the earlier run do not count as moved now
                state.transfers[name] = transfer
                self.message("\(name): continuing at \(ProgressFormatter.bytes(offset)), which the server already holds", &state)
            case .fileSkipped(let name, let size, let reason):
                state.finished += size
                self.message("\(name): already on the server, \(ProgressFormatter.bytes(size)) not sent (\(reason))", &state)
            case .fileProgress(let name, let bytes, _):
                guard var transfer = state.transfers[name] else { return }
                let delta = bytes - transfer.bytes
                if delta > 0 {
                    transfer.moved += delta
                    state.moved += delta
                }
                transfer.bytes = bytes
                if self.mode == .plain, let decile = ProgressFormatter.decile(bytes, of: transfer.size), decile > transfer.decile, decile < 10 {
                    transfer.decile = decile
                    state.transfers[name] = transfer
                    self.message(ProgressFormatter.plainLine(self.line(name, transfer, now: now)), &state)
                    return
                }
                state.transfers[name] = transfer
                self.draw(&state, now: now, force: false)
            case .fileResuming(let name, let attempt, let reason):
                self.message("\(name): connection lost (\(reason)); resuming, try \(attempt)", &state)
            case .fileFinished(let name, let size, let verification):
                let transfer = state.transfers.removeValue(forKey: name)
                state.order.removeAll { $0 == name }
                state.finished += size
                let elapsed = transfer.map { self.seconds(now - $0.started) } ?? 0
                // A pull may end between two polls, before any progress was seen: then the whole size moved.
                let moved = transfer.map(\.moved).flatMap { $0 > 0 ? $0 : nil } ?? size
                let rate = elapsed > 0 ? Double(moved) / elapsed : nil
                self.message(
                    "\(name): done, \(ProgressFormatter.bytes(size)) in \(ProgressFormatter.clock(Int(elapsed.rounded()))) "
                        + "(\(ProgressFormatter.rate(rate))); \(verification)",
                    &state
                )
            case .validationFailed(let result):
                var lines = ["the server's validation found problems:"]
                lines += result.missingFiles.map { "  missing: \($0)" }
                lines += result.invalidFiles.map { "  invalid: \($0.name): \($0.errorMessage.defaultMessage)" }
                self.message(lines.joined(separator: "\n"), &state)
            case .blockingWarnings(let warnings):
                let lines = ["warnings that are not ignored:"] + warnings.map { "  warning \($0.type.rawValue): \($0.message.defaultMessage)" }
                self.message(lines.joined(separator: "\n"), &state)
            case .completing:
                self.message("completing the update session", &state)
            case .waiting:
                self.message("waiting for the server to finish the session", &state)
            }
        }
    }

    /// Removes the bars, before the final result or an error is printed.
    func finish() {
        self.state.withLock { state in
            self.clear(&state)
        }
    }

    // MARK: Drawing

    /// Prints a message line; on a terminal above the bars, which are redrawn under it.
    private func message(_ text: String, _ state: inout State) {
        self.clear(&state)
        self.write(text + "\n")
        if case .terminal = self.mode { self.draw(&state, now: self.clock.now, force: true) }
    }

    /// Erases the bars drawn last (terminal only).
    private func clear(_ state: inout State) {
        guard state.drawnLines > 0 else { return }
        var text = "\r\u{1B}[K"
        for _ in 1..<state.drawnLines { text += "\u{1B}[1A\r\u{1B}[K" }
        self.write(text)
        state.drawnLines = 0
    }

    /// Redraws the bars: one per file in transfer (at most four) and the total.
    private func draw(_ state: inout State, now: ContinuousClock.Instant, force: Bool) {
        guard case .terminal(let columns) = self.mode, !state.order.isEmpty else { return }
        if !force, let last = state.lastDraw, now - last < Self.redrawInterval { return }
        state.lastDraw = now
        var lines = state.order.prefix(4).compactMap { name in state.transfers[name].map { self.line(name, $0, now: now) } }
        let current = state.transfers.values.reduce(Int64(0)) { $0 + $1.bytes }
        let elapsed = state.started.map { self.seconds(now - $0) } ?? 0
        lines.append(
            ProgressFormatter.Line(
                label: "total", bytes: state.finished + current, size: state.total > 0 ? state.total : nil,
                rate: elapsed > 0.5 ? Double(state.moved) / elapsed : nil
            )
        )
        self.clear(&state)
        self.write(lines.map { ProgressFormatter.terminalLine($0, columns: columns) }.joined(separator: "\n"))
        state.drawnLines = lines.count
    }

    private func line(_ name: String, _ transfer: Transfer, now: ContinuousClock.Instant) -> ProgressFormatter.Line {
        let elapsed = self.seconds(now - transfer.started)
        return ProgressFormatter.Line(label: name, bytes: transfer.bytes, size: transfer.size, rate: elapsed > 0.5 ? Double(transfer.moved) / elapsed : nil)
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
