// SPDX-License-Identifier: MIT
// contracts/JobEscrow.sol: pays compute nodes for replicated jobs (DESIGN section 7).
//
// A client creates a job (spec hash, input hash, chosen nodes, quorum, price per node,
// deadline) and deposits price * nodes. Each node signs an EIP-712 message
// Result(uint256 jobId, bytes32 resultHash); anyone may submit the signature before the
// deadline. When `quorum` nodes agree on one hash, a dispute window starts; after it,
// finalize() credits the price to every node that signed the quorum result and returns the
// rest to the client. Without a quorum by the deadline the client gets a refund. Evidence
// slashes a node's stake in the NodeRegistry, paid to the job's client: a node's signature
// on a result that contradicts the quorum, or two different signed results for one job.
// All payments are pull payments (withdraw), behind a reentrancy guard.
pragma solidity ^0.8.20;

interface INodeRegistry {
    function isActive(address node) external view returns (bool);
    function priceOf(address node) external view returns (uint256);
    function unbondingDelay() external view returns (uint256);
    function minStake() external view returns (uint256);
    function slash(address node, uint256 amount) external returns (uint256);
}

contract JobEscrow {
    struct Job {
        address client;
        bytes32 specHash;
        bytes32 inputHash;
        address[] nodes;
        uint256 quorum;
        uint256 price; // per node
        uint256 deadline;
        bytes32 quorumResult; // 0 until a quorum agrees
        uint256 quorumAt;
        bool settled; // finalized or refunded
    }

    bytes32 public constant RESULT_TYPEHASH = keccak256("Result(uint256 jobId,bytes32 resultHash)");
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    // secp256k1n / 2: signatures with a higher s are malleable copies (EIP-2).
    uint256 private constant HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    INodeRegistry public immutable registry;
    uint256 public immutable disputeWindow; // seconds
    uint256 public jobCount;
    mapping(uint256 => Job) private jobs;
    mapping(uint256 => mapping(address => bytes32)) public resultOf; // 0: none submitted
    mapping(uint256 => mapping(bytes32 => uint256)) public votes;
    mapping(uint256 => mapping(address => bool)) public slashed;
    mapping(address => uint256) public pendingWithdrawals;
    bool private locked;

    event JobCreated(uint256 indexed jobId, address indexed client, bytes32 specHash, bytes32 inputHash, uint256 price, uint256 deadline);
    event ResultSubmitted(uint256 indexed jobId, address indexed node, bytes32 resultHash);
    event QuorumReached(uint256 indexed jobId, bytes32 resultHash);
    event Finalized(uint256 indexed jobId, bytes32 resultHash, uint256 paidNodes);
    event Refunded(uint256 indexed jobId, uint256 amount);
    event NodeSlashed(uint256 indexed jobId, address indexed node, uint256 amount, uint8 kind);
    event Withdrawn(address indexed to, uint256 amount);

    modifier nonReentrant() {
        require(!locked, "reentrant call");
        locked = true;
        _;
        locked = false;
    }

    constructor(address registry_, uint256 disputeWindow_) {
        require(disputeWindow_ > 0, "dispute window must be positive");
        registry = INodeRegistry(registry_);
        disputeWindow = disputeWindow_;
    }

    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("JobEscrow"), keccak256("1"), block.chainid, address(this)));
    }

    // The digest a node signs for (jobId, resultHash).
    function resultDigest(uint256 jobId, bytes32 resultHash) public view returns (bytes32) {
        bytes32 s = keccak256(abi.encode(RESULT_TYPEHASH, jobId, resultHash));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), s));
    }

    // The signer of a 65-byte r || s || v signature over (jobId, resultHash).
    function signerOf(uint256 jobId, bytes32 resultHash, bytes calldata sig) public view returns (address) {
        require(sig.length == 65, "signature must be 65 bytes");
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        require(v == 27 || v == 28, "bad signature v");
        require(uint256(s) <= HALF_N, "high s signature");
        address a = ecrecover(resultDigest(jobId, resultHash), v, r, s);
        require(a != address(0), "invalid signature");
        return a;
    }

    function createJob(bytes32 specHash, bytes32 inputHash, address[] calldata nodes, uint256 quorum, uint256 price, uint256 deadline)
        external payable returns (uint256 jobId)
    {
        uint256 n = nodes.length;
        require(n > 0 && n <= 64, "1 to 64 nodes");
        require(quorum * 2 > n && quorum <= n, "quorum must be a majority of the nodes");
        require(deadline > block.timestamp, "deadline in the past");
        // A node's stake must still be bonded when evidence can last arrive.
        require(deadline - block.timestamp + disputeWindow < registry.unbondingDelay(), "deadline beyond the unbonding delay");
        require(msg.value == price * n, "payment must be price times nodes");
        for (uint256 i = 0; i < n; i++) {
            require(registry.isActive(nodes[i]), "node not active");
            require(registry.priceOf(nodes[i]) <= price, "price below a node's price");
            for (uint256 k = 0; k < i; k++) require(nodes[k] != nodes[i], "duplicate node");
        }
        jobId = ++jobCount;
        Job storage j = jobs[jobId];
        j.client = msg.sender;
        j.specHash = specHash;
        j.inputHash = inputHash;
        j.nodes = nodes;
        j.quorum = quorum;
        j.price = price;
        j.deadline = deadline;
        emit JobCreated(jobId, msg.sender, specHash, inputHash, price, deadline);
    }

    function isJobNode(Job storage j, address a) private view returns (bool) {
        for (uint256 i = 0; i < j.nodes.length; i++) if (j.nodes[i] == a) return true;
        return false;
    }

    function submitResult(uint256 jobId, bytes32 resultHash, bytes calldata sig) external {
        Job storage j = jobs[jobId];
        require(j.client != address(0), "no such job");
        require(!j.settled, "job settled");
        require(block.timestamp <= j.deadline, "deadline passed");
        require(resultHash != bytes32(0), "zero result hash");
        address node = signerOf(jobId, resultHash, sig);
        require(isJobNode(j, node), "signer is not a node of this job");
        require(resultOf[jobId][node] == bytes32(0), "result already submitted");
        resultOf[jobId][node] = resultHash;
        uint256 v = ++votes[jobId][resultHash];
        emit ResultSubmitted(jobId, node, resultHash);
        if (v == j.quorum && j.quorumResult == bytes32(0)) {
            j.quorumResult = resultHash;
            j.quorumAt = block.timestamp;
            emit QuorumReached(jobId, resultHash);
        }
    }

    // After the dispute window: pay the nodes that signed the quorum result
    // (and were not slashed); the rest goes back to the client.
    function finalize(uint256 jobId) external nonReentrant {
        Job storage j = jobs[jobId];
        require(j.client != address(0), "no such job");
        require(!j.settled, "job settled");
        require(j.quorumResult != bytes32(0), "no quorum");
        require(block.timestamp >= j.quorumAt + disputeWindow, "dispute window not over");
        j.settled = true;
        uint256 paid = 0;
        for (uint256 i = 0; i < j.nodes.length; i++) {
            address a = j.nodes[i];
            if (resultOf[jobId][a] == j.quorumResult && !slashed[jobId][a]) {
                pendingWithdrawals[a] += j.price;
                paid++;
            }
        }
        pendingWithdrawals[j.client] += j.price * (j.nodes.length - paid);
        emit Finalized(jobId, j.quorumResult, paid);
    }

    // No quorum by the deadline: the whole payment goes back to the client.
    function refund(uint256 jobId) external nonReentrant {
        Job storage j = jobs[jobId];
        require(j.client != address(0), "no such job");
        require(!j.settled, "job settled");
        require(j.quorumResult == bytes32(0), "quorum reached");
        require(block.timestamp > j.deadline, "deadline not passed");
        j.settled = true;
        uint256 amount = j.price * j.nodes.length;
        pendingWithdrawals[j.client] += amount;
        emit Refunded(jobId, amount);
    }

    function punish(uint256 jobId, address node, uint8 kind) private {
        Job storage j = jobs[jobId];
        require(isJobNode(j, node), "signer is not a node of this job");
        require(!slashed[jobId][node], "already slashed for this job");
        slashed[jobId][node] = true;
        uint256 taken = registry.slash(node, registry.minStake());
        pendingWithdrawals[j.client] += taken;
        emit NodeSlashed(jobId, node, taken, kind);
    }

    // Evidence 1: a node's signature on a result other than the quorum's.
    function slashContradiction(uint256 jobId, bytes32 resultHash, bytes calldata sig) external nonReentrant {
        Job storage j = jobs[jobId];
        require(j.quorumResult != bytes32(0), "no quorum to contradict");
        require(resultHash != j.quorumResult, "result matches the quorum");
        punish(jobId, signerOf(jobId, resultHash, sig), 1);
    }

    // Evidence 2: one node signed two different results for one job.
    function slashEquivocation(uint256 jobId, bytes32 resultA, bytes calldata sigA, bytes32 resultB, bytes calldata sigB)
        external nonReentrant
    {
        require(jobs[jobId].client != address(0), "no such job");
        require(resultA != resultB, "results are equal");
        address a = signerOf(jobId, resultA, sigA);
        require(a == signerOf(jobId, resultB, sigB), "signed by different nodes");
        punish(jobId, a, 2);
    }

    function withdraw() external nonReentrant {
        uint256 amount = pendingWithdrawals[msg.sender];
        require(amount > 0, "nothing to withdraw");
        pendingWithdrawals[msg.sender] = 0;
        emit Withdrawn(msg.sender, amount);
        (bool ok, ) = payable(msg.sender).call{value: amount}("");
        require(ok, "transfer failed");
    }

    // Slashed stake arrives from the registry only.
    receive() external payable {
        require(msg.sender == address(registry), "only the registry sends ether");
    }

    function jobInfo(uint256 jobId) external view returns (address client, uint256 quorum, uint256 price, uint256 deadline, bytes32 quorumResult, uint256 quorumAt, bool settled) {
        Job storage j = jobs[jobId];
        return (j.client, j.quorum, j.price, j.deadline, j.quorumResult, j.quorumAt, j.settled);
    }

    function jobNodes(uint256 jobId) external view returns (address[] memory) {
        return jobs[jobId].nodes;
    }
}
