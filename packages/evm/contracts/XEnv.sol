// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IXEnv} from "./IXEnv.sol";

/// @title The implementation of IXEnv that a Bulkhead EVM environment predeploys.
/// @dev No constructor: the runtime code is placed in genesis, so all state starts empty.
contract XEnv is IXEnv {
    /// The environment's own sender for mirror writes; nobody holds its key (as EIP-4788's).
    address internal constant SYSTEM = 0xffffFFFfFFffffffffffffffFfFFFfffFFFfFFfE;
    /// Mirrors the environment's `maxMessagesPerTransaction` limit.
    uint256 internal constant MAX_MESSAGES = 64;
    uint256 internal constant MAX_MEMO_BYTES = 256;
    uint256 internal constant MAX_KEY_BYTES = 256;
    uint256 internal constant MAX_VALUE_BYTES = 16384;
    uint256 internal constant MAX_ADDRESS_BYTES = 64;

    /// Slots the environment writes directly around an inbound ContractCall and clears right
    /// after (so they never reach a state root): the source id (at most 32 bytes, left-aligned),
    /// the sender's length, and the sender (at most 64 bytes) in the two following slots.
    bytes32 internal constant INBOUND_SOURCE_SLOT = keccak256("bulkhead.xenv.inbound.source");
    bytes32 internal constant INBOUND_SENDER_SLOT = keccak256("bulkhead.xenv.inbound.sender");

    struct Mirror {
        bytes value;
        uint64 version;
    }

    /// Per-transaction message count: transient, so it resets after every transaction and
    /// is undone with the frame that reverts, exactly like the events it counts.
    uint256 transient messageCount;

    mapping(address publisher => mapping(bytes key => uint64 version)) public publishedVersion;
    mapping(bytes32 id => Mirror) internal mirrors;

    function sendAsset(string calldata destination, bytes calldata receiver, string calldata memo)
        external
        payable
    {
        require(msg.value > 0, "XEnv: zero amount");
        checkDestination(destination);
        require(receiver.length > 0 && receiver.length <= MAX_ADDRESS_BYTES, "XEnv: bad receiver");
        require(bytes(memo).length <= MAX_MEMO_BYTES, "XEnv: memo too long");
        countMessage();
        emit AssetSent(msg.sender, destination, receiver, msg.value, memo);
    }

    function callContract(string calldata destination, bytes calldata target, bytes calldata data, uint64 gasLimit)
        external
    {
        checkDestination(destination);
        require(target.length > 0 && target.length <= MAX_ADDRESS_BYTES, "XEnv: bad target");
        require(gasLimit > 0, "XEnv: zero gas limit");
        countMessage();
        emit CallSent(msg.sender, destination, target, data, gasLimit);
    }

    function publishState(string calldata destination, bytes calldata key, bytes calldata value)
        external
        returns (uint64 version)
    {
        checkDestination(destination);
        require(key.length <= MAX_KEY_BYTES, "XEnv: key too long");
        require(value.length <= MAX_VALUE_BYTES, "XEnv: value too long");
        countMessage();
        version = ++publishedVersion[msg.sender][key];
        emit StatePublished(msg.sender, destination, key, value, version);
    }

    function readMirror(string calldata source, bytes calldata publisher, bytes calldata key)
        external
        view
        returns (bytes memory value, uint64 version)
    {
        Mirror storage mirror = mirrors[mirrorId(source, publisher, key)];
        return (mirror.value, mirror.version);
    }

    function inboundContext() external view returns (string memory source, bytes memory sender) {
        bytes32 sourceWord;
        uint256 senderLength;
        bytes32 senderLow;
        bytes32 senderHigh;
        bytes32 sourceSlot = INBOUND_SOURCE_SLOT;
        bytes32 senderSlot = INBOUND_SENDER_SLOT;
        assembly {
            sourceWord := sload(sourceSlot)
            senderLength := sload(senderSlot)
            senderLow := sload(add(senderSlot, 1))
            senderHigh := sload(add(senderSlot, 2))
        }
        uint256 sourceLength = 0;
        while (sourceLength < 32 && sourceWord[sourceLength] != 0) sourceLength++;
        source = new string(sourceLength);
        for (uint256 index = 0; index < sourceLength; index++) bytes(source)[index] = sourceWord[index];
        sender = new bytes(senderLength);
        for (uint256 index = 0; index < senderLength; index++) {
            sender[index] = index < 32 ? senderLow[index] : senderHigh[index - 32];
        }
    }

    /// Called by the environment (as SYSTEM) when it delivers a StateSync; keeps only newer versions.
    function writeMirror(
        string calldata source,
        bytes calldata publisher,
        bytes calldata key,
        bytes calldata value,
        uint64 version
    ) external returns (bool applied) {
        require(msg.sender == SYSTEM, "XEnv: only the environment writes mirrors");
        Mirror storage mirror = mirrors[mirrorId(source, publisher, key)];
        if (version <= mirror.version) return false;
        mirror.value = value;
        mirror.version = version;
        emit MirrorUpdated(source, publisher, key, version);
        return true;
    }

    function mirrorId(string calldata source, bytes calldata publisher, bytes calldata key)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(source, publisher, key));
    }

    function countMessage() internal {
        uint256 count = messageCount + 1;
        require(count <= MAX_MESSAGES, "XEnv: too many messages in one transaction");
        messageCount = count;
    }

    /// Same rule as core isEnvironmentId: a lower-case letter, then up to 31
    /// lower-case letters, digits or '-'. Checked here so value is never burned for a message
    /// the router would refuse for its shape.
    function checkDestination(string calldata destination) internal pure {
        bytes calldata name = bytes(destination);
        require(name.length > 0 && name.length <= 32, "XEnv: bad destination");
        for (uint256 index = 0; index < name.length; index++) {
            bytes1 char = name[index];
            bool lower = char >= "a" && char <= "z";
            bool ok = lower || (index > 0 && ((char >= "0" && char <= "9") || char == "-"));
            require(ok, "XEnv: bad destination");
        }
    }
}
