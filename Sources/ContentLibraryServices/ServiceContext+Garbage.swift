//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

extension ServiceContext {
    /// Deletes the blobs of an item's folder that nothing references any more: not the item, not
    /// an ACTIVE update session, not an ACTIVE download session (which pins the version it serves).
    /// Every end of a session and every replaced blob calls it; a failure leaves garbage for the next.
    func collectGarbage(_ location: ItemLocation) async {
        guard let keep = try? await self.metadata.referencedBlobs(itemID: location.itemID) else { return }
        _ = await self.content.collectGarbage(in: location, keep: keep)
    }
}
