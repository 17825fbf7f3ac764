#!/usr/bin/env python3
# ===----------------------------------------------------------------------===
#
# This source file is part of the ContentLibrary project.
# SPDX-License-Identifier: Apache-2.0
#
# ===----------------------------------------------------------------------===
"""Writes a valid OVA of about SIZE_MIB mebibytes for the import demonstration: descriptor first,
then a SHA-256 manifest, then one stream-optimized disk (a real VMDK head, then filler).

Usage: make-ova.py OUTPUT.ova SIZE_MIB

The disk is streamed into the tar in 8 MiB blocks and hashed on the way, so making a 2 GiB OVA
needs no more memory than a small one.
"""
import hashlib
import io
import os
import sys
import tarfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures"))
import ovfkit  # noqa: E402

BLOCK = 8 << 20


class Filler(io.RawIOBase):
    """The disk's bytes: the VMDK head, then a repeating non-zero pattern, `size` bytes in all."""

    def __init__(self, size):
        self.head = ovfkit.vmdk()
        self.size = size
        self.position = 0
        self.pattern = bytes((i * 151 + 7) & 0xFF for i in range(BLOCK))

    def readable(self):
        return True

    def readinto(self, buffer):
        remaining = self.size - self.position
        if remaining <= 0:
            return 0
        count = min(len(buffer), remaining)
        if self.position < len(self.head):
            chunk = self.head[self.position:self.position + count]
        else:
            offset = self.position % BLOCK
            chunk = self.pattern[offset:offset + count]
        count = len(chunk)
        buffer[:count] = chunk
        self.position += count
        return count


def disk_digest(size):
    digest = hashlib.sha256()
    filler = Filler(size)
    while block := filler.read(BLOCK):
        digest.update(block)
    return digest.hexdigest()


def main():
    output, size_mib = sys.argv[1], int(sys.argv[2])
    disk_size = size_mib << 20
    descriptor = ovfkit.descriptor([("disk1.vmdk", disk_size)], vid="big").encode()
    manifest = (
        f"SHA256(big.ovf)= {hashlib.sha256(descriptor).hexdigest()}\n"
        f"SHA256(disk1.vmdk)= {disk_digest(disk_size)}\n"
    ).encode()
    with tarfile.open(output, "w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in (("big.ovf", descriptor), ("big.mf", manifest)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        info = tarfile.TarInfo("disk1.vmdk")
        info.size = disk_size
        tar.addfile(info, io.BufferedReader(Filler(disk_size), BLOCK))


if __name__ == "__main__":
    main()
