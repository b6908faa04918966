// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title The cross-environment boundary of a Bulkhead EVM environment.
/// @notice Predeployed at 0x0000000000000000000000000000000000000b0c in every Bulkhead EVM
/// environment. Messages are events of this contract: they exist only if the transaction and
/// every enclosing frame succeed, because the environment reads them from the receipts of
/// successful transactions at the end of the block.
interface IXEnv {
    /// An asset transfer of `amount` of the native asset to `receiver` in `destination`.
    event AssetSent(address indexed sender, string destination, bytes receiver, uint256 amount, string memo);
    /// An asynchronous call of `target` in `destination`; the result comes back as an acknowledgement.
    event CallSent(address indexed sender, string destination, bytes target, bytes data, uint64 gasLimit);
    /// A key/value published to `destination`, with a version per (publisher, key).
    event StatePublished(address indexed publisher, string destination, bytes key, bytes value, uint64 version);
    /// The environment stored a newer mirror entry received from `source`.
    event MirrorUpdated(string source, bytes publisher, bytes key, uint64 version);

    /// Sends `msg.value` of the native asset to `receiver` in environment `destination`.
    /// The value leaves this environment's supply at the end of the block; an error
    /// acknowledgement or a timeout refunds it to `msg.sender`.
    function sendAsset(string calldata destination, bytes calldata receiver, string calldata memo) external payable;

    /// Calls `target` with `data` in environment `destination`, with at most `gasLimit` gas there.
    function callContract(string calldata destination, bytes calldata target, bytes calldata data, uint64 gasLimit)
        external;

    /// Publishes `value` under `key` to environment `destination`; returns the new version
    /// (1 for the first publication of `key` by `msg.sender`).
    function publishState(string calldata destination, bytes calldata key, bytes calldata value)
        external
        returns (uint64 version);

    /// During an inbound ContractCall (where `msg.sender` is this contract): the environment it
    /// came from and the account that sent it there. Empty outside an inbound call.
    function inboundContext() external view returns (string memory source, bytes memory sender);

    /// The newest value `publisher` in environment `source` published under `key`, and its
    /// version; an empty value and version 0 when nothing was received.
    function readMirror(string calldata source, bytes calldata publisher, bytes calldata key)
        external
        view
        returns (bytes memory value, uint64 version);
}
