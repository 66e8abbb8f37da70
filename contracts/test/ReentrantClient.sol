// SPDX-License-Identifier: MIT
// contracts/test/ReentrantClient.sol: a malicious client for the tests: when JobEscrow pays
// it, its receive() calls withdraw() again and records whether that re-entry succeeded.
pragma solidity ^0.8.20;

interface IJobEscrow {
    function createJob(bytes32, bytes32, address[] calldata, uint256, uint256, uint256) external payable returns (uint256);
    function refund(uint256) external;
    function withdraw() external;
}

contract ReentrantClient {
    IJobEscrow public immutable escrow;
    uint256 public attempts;
    bool public reentered;

    constructor(address escrow_) {
        escrow = IJobEscrow(escrow_);
    }

    function create(address[] calldata nodes, uint256 quorum, uint256 price, uint256 deadline) external payable returns (uint256) {
        return escrow.createJob{value: msg.value}(keccak256("spec"), keccak256("input"), nodes, quorum, price, deadline);
    }

    function refundAndWithdraw(uint256 jobId) external {
        escrow.refund(jobId);
        escrow.withdraw();
    }

    receive() external payable {
        if (attempts == 0) {
            attempts++;
            (bool ok, ) = address(escrow).call(abi.encodeWithSignature("withdraw()"));
            reentered = ok;
        }
    }
}
