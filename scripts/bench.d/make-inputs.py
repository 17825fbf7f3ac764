#!/usr/bin/env python3
"""Writes the benchmark inputs into a folder: a ~1 MB OVF descriptor and sparse ISO images.

The descriptor is a valid OVF 1.x envelope with many virtual systems, so the validator walks
every rule on a realistic shape. The ISO images hold a primary volume descriptor and a
terminator at sector 16 and claim their whole (sparse) size, so a validator that reads the
image would take time proportional to it.
"""
import os
import struct
import sys

OVF_NS = "http://schemas.dmtf.org/ovf/envelope/1"
RASD = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
VSSD = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


def descriptor(target_bytes: int) -> str:
    head = f"""<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="{OVF_NS}" xmlns:ovf="{OVF_NS}" xmlns:rasd="{RASD}" xmlns:vssd="{VSSD}">
  <References/>
  <NetworkSection>
    <Info>Networks</Info>
    <Network ovf:name="VM Network"><Description>The VM network</Description></Network>
  </NetworkSection>
  <VirtualSystemCollection ovf:id="bench-vapp">
    <Info>A large collection of virtual systems</Info>
"""
    systems = []
    size = len(head)
    index = 0
    while size < target_bytes:
        vs = f"""    <VirtualSystem ovf:id="vm-{index}">
      <Info>Virtual system {index}</Info>
      <Name>vm-{index}</Name>
      <OperatingSystemSection ovf:id="101"><Info>Guest OS</Info></OperatingSystemSection>
      <VirtualHardwareSection>
        <Info>Virtual hardware</Info>
        <System>
          <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
          <vssd:InstanceID>0</vssd:InstanceID>
          <vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType>
        </System>
        <Item>
          <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>
          <rasd:ElementName>2 virtual CPUs</rasd:ElementName>
          <rasd:InstanceID>1</rasd:InstanceID>
          <rasd:ResourceType>3</rasd:ResourceType>
          <rasd:VirtualQuantity>2</rasd:VirtualQuantity>
        </Item>
        <Item>
          <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>
          <rasd:ElementName>1024 MB of memory</rasd:ElementName>
          <rasd:InstanceID>2</rasd:InstanceID>
          <rasd:ResourceType>4</rasd:ResourceType>
          <rasd:VirtualQuantity>1024</rasd:VirtualQuantity>
        </Item>
        <Item>
          <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
          <rasd:Connection>VM Network</rasd:Connection>
          <rasd:ElementName>Network adapter 1</rasd:ElementName>
          <rasd:InstanceID>3</rasd:InstanceID>
          <rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>
          <rasd:ResourceType>10</rasd:ResourceType>
        </Item>
      </VirtualHardwareSection>
    </VirtualSystem>
"""
        systems.append(vs)
        size += len(vs)
        index += 1
    return head + "".join(systems) + "  </VirtualSystemCollection>\n</Envelope>\n"


def both_endian32(value: int) -> bytes:
    return struct.pack("<I", value) + struct.pack(">I", value)


def both_endian16(value: int) -> bytes:
    return struct.pack("<H", value) + struct.pack(">H", value)


def sparse_iso(path: str, total_bytes: int) -> None:
    sectors = total_bytes // 2048
    pvd = bytearray(2048)
    pvd[0] = 1
    pvd[1:6] = b"CD001"
    pvd[6] = 1
    pvd[8:40] = b"BENCH".ljust(32)
    pvd[40:72] = b"BENCH_SPARSE".ljust(32)
    pvd[80:88] = both_endian32(sectors)
    pvd[120:124] = both_endian16(1)
    pvd[124:128] = both_endian16(1)
    pvd[128:132] = both_endian16(2048)
    pvd[881] = 1
    terminator = bytearray(2048)
    terminator[0] = 255
    terminator[1:6] = b"CD001"
    terminator[6] = 1
    with open(path, "wb") as f:
        f.seek(16 * 2048)
        f.write(pvd)
        f.write(terminator)
        f.truncate(total_bytes)


def main() -> None:
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "large.ovf"), "w") as f:
        f.write(descriptor(1 << 20))
    sparse_iso(os.path.join(out, "small.iso"), 4 << 20)
    sparse_iso(os.path.join(out, "huge.iso"), 4 << 30)


if __name__ == "__main__":
    main()
