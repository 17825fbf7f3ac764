//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A valid OVF 1.0 package every rule test mutates: one VM with CPU, memory, a SCSI disk on a
/// stream-optimized VMDK, and a NIC on a declared network. It yields no findings at all.
enum Baseline {
    /// The stream-optimized disk the descriptor references.
    static let disk: [UInt8] = VMDK.streamOptimized()

    /// The descriptor text.
    static var descriptor: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
            xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
            xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"
            xmlns:vmw="http://www.vmware.com/schema/ovf" ovf:version="1.0">
          <References>
            <File ovf:id="file1" ovf:href="disk1.vmdk" ovf:size="\(disk.count)"/>
          </References>
          <DiskSection>
            <Info>Virtual disks</Info>
            <Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="1" ovf:capacityAllocationUnits="byte * 2^30" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
          </DiskSection>
          <NetworkSection>
            <Info>Networks</Info>
            <Network ovf:name="VM Network"><Description>The VM network</Description></Network>
          </NetworkSection>
          <VirtualSystem ovf:id="vm1">
            <Info>A virtual machine</Info>
            <Name>vm1</Name>
            <OperatingSystemSection ovf:id="101"><Info>The guest OS</Info></OperatingSystemSection>
            <VirtualHardwareSection>
              <Info>Virtual hardware</Info>
              <System>
                <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
                <vssd:InstanceID>0</vssd:InstanceID>
                <vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType>
              </System>
              <Item>
                <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>
                <rasd:ElementName>1 virtual CPU</rasd:ElementName>
                <rasd:InstanceID>1</rasd:InstanceID>
                <rasd:ResourceType>3</rasd:ResourceType>
                <rasd:VirtualQuantity>1</rasd:VirtualQuantity>
              </Item>
              <Item>
                <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>
                <rasd:ElementName>512MB of memory</rasd:ElementName>
                <rasd:InstanceID>2</rasd:InstanceID>
                <rasd:ResourceType>4</rasd:ResourceType>
                <rasd:VirtualQuantity>512</rasd:VirtualQuantity>
              </Item>
              <Item>
                <rasd:ElementName>SCSI controller 0</rasd:ElementName>
                <rasd:InstanceID>3</rasd:InstanceID>
                <rasd:ResourceSubType>lsilogic</rasd:ResourceSubType>
                <rasd:ResourceType>6</rasd:ResourceType>
              </Item>
              <Item>
                <rasd:AddressOnParent>0</rasd:AddressOnParent>
                <rasd:ElementName>Hard disk 1</rasd:ElementName>
                <rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>
                <rasd:InstanceID>4</rasd:InstanceID>
                <rasd:Parent>3</rasd:Parent>
                <rasd:ResourceType>17</rasd:ResourceType>
              </Item>
              <Item>
                <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
                <rasd:Connection>VM Network</rasd:Connection>
                <rasd:ElementName>Network adapter 1</rasd:ElementName>
                <rasd:InstanceID>5</rasd:InstanceID>
                <rasd:ResourceType>10</rasd:ResourceType>
              </Item>
            </VirtualHardwareSection>
          </VirtualSystem>
        </Envelope>
        """
    }
}

/// Makes small VMDK heads for the OVF-DISK-011 sniff.
enum VMDK {
    /// A sparse extent header (`KDMV`) whose embedded descriptor, one sector at sector 1, says
    /// `createType`; 2 KiB in all.
    static func streamOptimized(createType: String = "streamOptimized", magic: String = "KDMV") -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 2048)
        bytes.replaceSubrange(0..<4, with: Array(magic.utf8.prefix(4)))
        func put(_ value: UInt64, at offset: Int) {
            for index in 0..<8 { bytes[offset + index] = UInt8((value >> (8 * UInt64(index))) & 0xFF) }
        }
        bytes[4] = 3  // version
        put(2_097_152, at: 12)  // capacity in sectors (1 GiB)
        put(128, at: 20)  // grain size
        put(1, at: 28)  // descriptorOffset (sectors)
        put(1, at: 36)  // descriptorSize (sectors)
        let text = """
            # Disk DescriptorFile
            version=1
            CID=fffffffe
            parentCID=ffffffff
            createType="\(createType)"

            # Extent description
            RDONLY 2097152 SPARSE "disk1.vmdk"

            """
        bytes.replaceSubrange(512..<(512 + text.utf8.count), with: Array(text.utf8))
        return bytes
    }
}
