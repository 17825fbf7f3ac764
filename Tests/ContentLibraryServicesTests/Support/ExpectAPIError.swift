//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Testing

/// Expects `body` to throw the vAPI error `kind`, and returns the error for further checks.
@discardableResult
func expectAPIError<T>(
    _ kind: APIError.Kind, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> APIError? {
    do {
        let value = try await body()
        Issue.record("Expected \(kind.rawValue), got \(value). \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
        return nil
    } catch let error as APIError {
        #expect(error.kind == kind, "\(comment.map { "\($0)" } ?? ""): \(error.messages.map(\.defaultMessage))", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("Expected \(kind.rawValue), got \(error). \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
        return nil
    }
}
