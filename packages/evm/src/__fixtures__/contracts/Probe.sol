// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IXEnv} from "../../../contracts/IXEnv.sol";

/// Exercises the boundary and the failure statuses in tests.
contract Probe {
    IXEnv internal constant XENV = IXEnv(0x0000000000000000000000000000000000000B0C);

    uint256 public stored;
    address public lastCaller;

    event Stored(address indexed caller, uint256 value);

    function send(string calldata destination, bytes calldata receiver) external payable {
        XENV.sendAsset{value: msg.value}(destination, receiver, "probe");
    }

    /// Sends, then reverts the whole transaction: no message, no value moved.
    function sendThenRevert(string calldata destination, bytes calldata receiver) external payable {
        XENV.sendAsset{value: msg.value}(destination, receiver, "never");
        revert("Probe: undone");
    }

    /// Sends in an inner frame that reverts while the transaction succeeds: no message either.
    function sendInRevertedFrame(string calldata destination, bytes calldata receiver) external payable {
        try this.sendThenRevert{value: msg.value}(destination, receiver) {} catch {}
    }

    function call(string calldata destination, bytes calldata target, bytes calldata data) external {
        XENV.callContract(destination, target, data, 100_000);
    }

    /// Sends `count` messages in one transaction (XEnv allows 64).
    function callMany(string calldata destination, uint256 count) external {
        for (uint256 index = 0; index < count; index++) {
            XENV.callContract(destination, hex"01", "", 1);
        }
    }

    function publish(string calldata destination, bytes calldata key, bytes calldata value) external returns (uint64) {
        return XENV.publishState(destination, key, value);
    }

    function mirror(string calldata source, bytes calldata publisher, bytes calldata key)
        external
        view
        returns (bytes memory, uint64)
    {
        return XENV.readMirror(source, publisher, key);
    }

    string public lastSource;
    bytes public lastSender;

    /// Records where an inbound call came from, as a cross-environment app would check it.
    function storeWithContext(uint256 value) external returns (uint256) {
        (lastSource, lastSender) = XENV.inboundContext();
        return this.store(value);
    }

    function store(uint256 value) external returns (uint256) {
        stored = value;
        lastCaller = msg.sender;
        emit Stored(msg.sender, value);
        return value * 2;
    }

    function hashOf(uint256 height) external view returns (bytes32) {
        return blockhash(height);
    }

    function fail() external pure {
        revert("Probe: failed on purpose");
    }

    function burn() external {
        uint256 i;
        while (true) {
            stored = ++i;
        }
    }

    /// An INVALID opcode: the VM stops the program.
    function trap() external pure {
        assembly {
            invalid()
        }
    }

    /// Recurses through external calls until something gives; used to probe depth handling.
    function recurse(uint256 depth) external returns (uint256) {
        if (depth == 0) return 0;
        return this.recurse(depth - 1) + 1;
    }

    receive() external payable {}
}
