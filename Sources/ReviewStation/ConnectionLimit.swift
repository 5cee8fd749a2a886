import Foundation
import NIOCore

/// The station's open connections by client address, shared by every connection's
/// ``ClientConnectionLimit``.
final class ClientConnections: @unchecked Sendable {
    let perClient: Int
    private let lock = NSLock()
    private var open: [String: Int] = [:]

    init(perClient: Int) {
        self.perClient = perClient
    }

    /// Counts a connection from `client`, unless that client already has `perClient` open.
    func admit(_ client: String) -> Bool {
        lock.withLock {
            guard open[client, default: 0] < perClient else { return false }
            open[client, default: 0] += 1
            return true
        }
    }

    /// Forgets an admitted connection of `client`.
    func leave(_ client: String) {
        lock.withLock {
            open[client, default: 1] -= 1
            if open[client] == 0 { open[client] = nil }
        }
    }
}

/// Closes a connection as soon as it opens, before a byte of it is read (so before any token is
/// checked), when its client address already holds ``ClientConnections/perClient`` connections: one
/// client cannot take the descriptors every reviewer needs. Every request part passes on untouched.
final class ClientConnectionLimit: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Any

    private let connections: ClientConnections
    /// The client address this connection was counted under; nil until admitted, or when refused.
    private var admitted: String?
    private var decided = false

    init(_ connections: ClientConnections) {
        self.connections = connections
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { decide(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        decide(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        forget()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        forget()
    }

    private func decide(_ context: ChannelHandlerContext) {
        guard !decided else { return }
        decided = true
        let client = context.channel.remoteAddress?.ipAddress ?? "local"
        if connections.admit(client) {
            admitted = client
        } else {
            context.close(promise: nil)
        }
    }

    private func forget() {
        if let admitted { connections.leave(admitted) }
        admitted = nil
    }
}
