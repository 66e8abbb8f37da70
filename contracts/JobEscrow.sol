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
    function termsOf(address node) external view returns (bool active, uint256 price);
}

contract JobEscrow {
    // Storage is laid out for gas (docs/contracts.md, "Gas"): a job is two slots,
    // each of its nodes one more; the spec and input hashes live only in the
    // JobCreated event (nothing on chain reads them); a node's result is a small
    // id into the job's table of distinct result hashes, kept in the node's slot.
    struct Job {
        // Slot 1: everything submitResult reads and writes.
        uint128 price; // per node
        uint40 deadline;
        uint40 quorumAt;
        uint8 quorum;
        uint8 nodeCount; // 1..64; 0: no such job
        uint8 resultCount; // distinct result hashes submitted so far
        uint8 quorumId; // id of the quorum result in results; 0 until a quorum agrees
        bool settled; // finalized or refunded
        // Slot 2.
        address client;
    }

    // A node of a job (index 0 .. nodeCount-1) and what it did there.
    struct Seat {
        address node;
        uint8 resultId; // 0: no result submitted; else an id into results
        bool slashed;
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
    mapping(uint256 => mapping(uint256 => Seat)) private seats; // jobId => index => seat
    mapping(uint256 => mapping(uint256 => bytes32)) private results; // jobId => id (1..) => hash
    mapping(address => uint256) public pendingWithdrawals;
    // The EIP-712 domain separator, computed once (again only after a fork
    // changes the chain id).
    bytes32 private immutable cachedDomain;
    uint256 private immutable cachedChainId;
    // Transient (EIP-1153): the lock lives only for the transaction.
    bool private transient locked;

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
        cachedChainId = block.chainid;
        cachedDomain = computeDomain();
    }

    function domainSeparator() public view returns (bytes32) {
        return block.chainid == cachedChainId ? cachedDomain : computeDomain();
    }

    function computeDomain() private view returns (bytes32) {
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
        require(deadline <= type(uint40).max, "deadline too far in the future");
        require(price <= type(uint128).max, "price too large");
        require(msg.value == price * n, "payment must be price times nodes");
        jobId = ++jobCount;
        for (uint256 i = 0; i < n; i++) {
            address a = nodes[i];
            (bool active, uint256 asks) = registry.termsOf(a);
            require(active, "node not active");
            require(asks <= price, "price below a node's price");
            for (uint256 k = 0; k < i; k++) require(nodes[k] != a, "duplicate node");
            seats[jobId][i].node = a;
        }
        jobs[jobId] = Job({
            price: uint128(price),
            deadline: uint40(deadline),
            quorumAt: 0,
            quorum: uint8(quorum),
            nodeCount: uint8(n),
            resultCount: 0,
            quorumId: 0,
            settled: false,
            client: msg.sender
        });
        emit JobCreated(jobId, msg.sender, specHash, inputHash, price, deadline);
    }

    // The index of node a among the job's n nodes, or n when it is not one.
    function seatOf(uint256 jobId, uint256 n, address a) private view returns (uint256) {
        for (uint256 i = 0; i < n; i++) if (seats[jobId][i].node == a) return i;
        return n;
    }

    // The id of resultHash among the job's count distinct results, or 0.
    function resultIdOf(uint256 jobId, uint256 count, bytes32 resultHash) private view returns (uint256) {
        for (uint256 id = 1; id <= count; id++) if (results[jobId][id] == resultHash) return id;
        return 0;
    }

    // How many of the job's n nodes submitted result id.
    function countVotes(uint256 jobId, uint256 n, uint256 id) private view returns (uint256 v) {
        for (uint256 i = 0; i < n; i++) if (seats[jobId][i].resultId == id) v++;
    }

    function submitResult(uint256 jobId, bytes32 resultHash, bytes calldata sig) external {
        Job storage j = jobs[jobId];
        require(j.nodeCount != 0, "no such job");
        require(!j.settled, "job settled");
        require(block.timestamp <= j.deadline, "deadline passed");
        require(resultHash != bytes32(0), "zero result hash");
        address node = signerOf(jobId, resultHash, sig);
        uint256 n = j.nodeCount;
        uint256 idx = seatOf(jobId, n, node);
        require(idx < n, "signer is not a node of this job");
        Seat storage seat = seats[jobId][idx];
        require(seat.resultId == 0, "result already submitted");
        uint256 id = resultIdOf(jobId, j.resultCount, resultHash);
        // A result seen for the first time has this one vote (no need to count).
        uint256 v = 1;
        if (id == 0) {
            id = ++j.resultCount;
            results[jobId][id] = resultHash;
            seat.resultId = uint8(id);
        } else {
            seat.resultId = uint8(id);
            if (j.quorumId == 0) v = countVotes(jobId, n, id);
        }
        emit ResultSubmitted(jobId, node, resultHash);
        if (j.quorumId == 0 && v == j.quorum) {
            j.quorumId = uint8(id);
            // uint40 seconds last until the year 36812.
            j.quorumAt = uint40(block.timestamp);
            emit QuorumReached(jobId, resultHash);
        }
    }

    // After the dispute window: pay the nodes that signed the quorum result
    // (and were not slashed); the rest goes back to the client.
    function finalize(uint256 jobId) external nonReentrant {
        Job storage j = jobs[jobId];
        require(j.nodeCount != 0, "no such job");
        require(!j.settled, "job settled");
        uint256 q = j.quorumId;
        require(q != 0, "no quorum");
        require(block.timestamp >= j.quorumAt + disputeWindow, "dispute window not over");
        j.settled = true;
        uint256 n = j.nodeCount;
        uint256 price = j.price;
        uint256 paid = 0;
        for (uint256 i = 0; i < n; i++) {
            Seat storage seat = seats[jobId][i];
            if (seat.resultId == q && !seat.slashed) {
                pendingWithdrawals[seat.node] += price;
                paid++;
            }
        }
        if (paid < n) pendingWithdrawals[j.client] += price * (n - paid);
        emit Finalized(jobId, results[jobId][q], paid);
    }

    // No quorum by the deadline: the whole payment goes back to the client.
    function refund(uint256 jobId) external nonReentrant {
        Job storage j = jobs[jobId];
        require(j.nodeCount != 0, "no such job");
        require(!j.settled, "job settled");
        require(j.quorumId == 0, "quorum reached");
        require(block.timestamp > j.deadline, "deadline not passed");
        j.settled = true;
        uint256 amount = uint256(j.price) * j.nodeCount;
        pendingWithdrawals[j.client] += amount;
        emit Refunded(jobId, amount);
    }

    function punish(uint256 jobId, address node, uint8 kind) private {
        Job storage j = jobs[jobId];
        uint256 n = j.nodeCount;
        uint256 idx = seatOf(jobId, n, node);
        require(idx < n, "signer is not a node of this job");
        Seat storage seat = seats[jobId][idx];
        require(!seat.slashed, "already slashed for this job");
        seat.slashed = true;
        uint256 taken = registry.slash(node, registry.minStake());
        pendingWithdrawals[j.client] += taken;
        emit NodeSlashed(jobId, node, taken, kind);
    }

    // Evidence 1: a node's signature on a result other than the quorum's.
    function slashContradiction(uint256 jobId, bytes32 resultHash, bytes calldata sig) external nonReentrant {
        Job storage j = jobs[jobId];
        uint256 q = j.quorumId;
        require(q != 0, "no quorum to contradict");
        require(resultHash != results[jobId][q], "result matches the quorum");
        punish(jobId, signerOf(jobId, resultHash, sig), 1);
    }

    // Evidence 2: one node signed two different results for one job.
    function slashEquivocation(uint256 jobId, bytes32 resultA, bytes calldata sigA, bytes32 resultB, bytes calldata sigB)
        external nonReentrant
    {
        require(jobs[jobId].nodeCount != 0, "no such job");
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

    // The result node submitted for the job; 0 when none (or not a node of it).
    function resultOf(uint256 jobId, address node) external view returns (bytes32) {
        uint256 n = jobs[jobId].nodeCount;
        uint256 idx = seatOf(jobId, n, node);
        if (idx == n) return bytes32(0);
        return results[jobId][seats[jobId][idx].resultId];
    }

    // How many of the job's nodes submitted resultHash.
    function votes(uint256 jobId, bytes32 resultHash) external view returns (uint256) {
        if (resultHash == bytes32(0)) return 0;
        uint256 id = resultIdOf(jobId, jobs[jobId].resultCount, resultHash);
        if (id == 0) return 0;
        return countVotes(jobId, jobs[jobId].nodeCount, id);
    }

    // Whether node was slashed on the job.
    function slashed(uint256 jobId, address node) external view returns (bool) {
        uint256 n = jobs[jobId].nodeCount;
        uint256 idx = seatOf(jobId, n, node);
        return idx < n && seats[jobId][idx].slashed;
    }

    function jobInfo(uint256 jobId) external view returns (address client, uint256 quorum, uint256 price, uint256 deadline, bytes32 quorumResult, uint256 quorumAt, bool settled) {
        Job storage j = jobs[jobId];
        return (j.client, j.quorum, j.price, j.deadline, results[jobId][j.quorumId], j.quorumAt, j.settled);
    }

    function jobNodes(uint256 jobId) external view returns (address[] memory list) {
        uint256 n = jobs[jobId].nodeCount;
        list = new address[](n);
        for (uint256 i = 0; i < n; i++) list[i] = seats[jobId][i].node;
    }
}
