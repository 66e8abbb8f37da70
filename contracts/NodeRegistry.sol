// SPDX-License-Identifier: MIT
// contracts/NodeRegistry.sol: compute nodes register an endpoint, a price and a stake
// (DESIGN section 7). A stake can only leave after an unbonding delay that is longer than
// any job's deadline plus dispute window (JobEscrow enforces that bound when a job is
// created), so evidence against a node always finds its stake still here. Only the
// JobEscrow set once by the owner may slash.
pragma solidity ^0.8.20;

contract NodeRegistry {
    struct Node {
        // Packed for gas: price and stake share a slot, unbondingAt and
        // registered another, so termsOf (called for every node of every job)
        // reads two slots.
        string endpoint;
        uint128 price; // wei per job the node asks for
        uint128 stake; // wei
        uint64 unbondingAt; // 0 while active; else when the stake may be withdrawn
        bool registered;
    }

    address public immutable owner;
    uint256 public immutable minStake;
    uint256 public immutable unbondingDelay; // seconds
    address public escrow;

    mapping(address => Node) public nodes;
    address[] public nodeList;
    bool private locked;

    event Registered(address indexed node, string endpoint, uint256 price, uint256 stake);
    event Updated(address indexed node, string endpoint, uint256 price);
    event StakeAdded(address indexed node, uint256 amount, uint256 stake);
    event UnbondingStarted(address indexed node, uint256 availableAt);
    event StakeWithdrawn(address indexed node, uint256 amount);
    event Slashed(address indexed node, uint256 amount);

    modifier nonReentrant() {
        require(!locked, "reentrant call");
        locked = true;
        _;
        locked = false;
    }

    constructor(uint256 minStake_, uint256 unbondingDelay_) {
        require(minStake_ > 0, "min stake must be positive");
        require(unbondingDelay_ > 0, "unbonding delay must be positive");
        owner = msg.sender;
        minStake = minStake_;
        unbondingDelay = unbondingDelay_;
    }

    // Once: the escrow contract that may slash.
    function setEscrow(address escrow_) external {
        require(msg.sender == owner, "only owner");
        require(escrow == address(0), "escrow already set");
        require(escrow_ != address(0), "zero escrow");
        escrow = escrow_;
    }

    function register(string calldata endpoint, uint256 price) external payable {
        Node storage n = nodes[msg.sender];
        require(!n.registered, "already registered");
        require(msg.value >= minStake, "stake below minimum");
        require(bytes(endpoint).length > 0 && bytes(endpoint).length <= 256, "bad endpoint");
        require(price <= type(uint128).max, "price too large");
        n.endpoint = endpoint;
        n.price = uint128(price);
        n.stake = uint128(msg.value);
        n.registered = true;
        nodeList.push(msg.sender);
        emit Registered(msg.sender, endpoint, price, msg.value);
    }

    function update(string calldata endpoint, uint256 price) external {
        Node storage n = nodes[msg.sender];
        require(n.registered, "not registered");
        require(bytes(endpoint).length > 0 && bytes(endpoint).length <= 256, "bad endpoint");
        require(price <= type(uint128).max, "price too large");
        n.endpoint = endpoint;
        n.price = uint128(price);
        emit Updated(msg.sender, endpoint, price);
    }

    function addStake() external payable {
        Node storage n = nodes[msg.sender];
        require(n.registered, "not registered");
        require(n.unbondingAt == 0, "unbonding");
        // msg.value is far below 2^128 (all ether is about 2^87 wei); the sum is checked.
        n.stake += uint128(msg.value);
        emit StakeAdded(msg.sender, msg.value, n.stake);
    }

    // Stop taking jobs; the stake becomes withdrawable after unbondingDelay.
    function startUnbonding() external {
        Node storage n = nodes[msg.sender];
        require(n.registered, "not registered");
        require(n.unbondingAt == 0, "already unbonding");
        uint256 availableAt = block.timestamp + unbondingDelay;
        require(availableAt <= type(uint64).max, "unbonding delay too long");
        n.unbondingAt = uint64(availableAt);
        emit UnbondingStarted(msg.sender, n.unbondingAt);
    }

    function withdrawStake() external nonReentrant {
        Node storage n = nodes[msg.sender];
        require(n.registered, "not registered");
        require(n.unbondingAt != 0, "not unbonding");
        require(block.timestamp >= n.unbondingAt, "unbonding delay not over");
        uint256 amount = n.stake;
        require(amount > 0, "nothing staked");
        n.stake = 0;
        n.registered = false;
        n.unbondingAt = 0;
        emit StakeWithdrawn(msg.sender, amount);
        (bool ok, ) = payable(msg.sender).call{value: amount}("");
        require(ok, "transfer failed");
    }

    function isActive(address node) public view returns (bool) {
        Node storage n = nodes[node];
        return n.registered && n.unbondingAt == 0 && n.stake >= minStake;
    }

    // What the escrow needs to accept a node for a job, in one call:
    // isActive(node) and priceOf(node).
    function termsOf(address node) external view returns (bool active, uint256 price) {
        Node storage n = nodes[node];
        return (n.registered && n.unbondingAt == 0 && n.stake >= minStake, n.price);
    }

    function priceOf(address node) external view returns (uint256) {
        return nodes[node].price;
    }

    function stakeOf(address node) external view returns (uint256) {
        return nodes[node].stake;
    }

    function nodeCount() external view returns (uint256) {
        return nodeList.length;
    }

    // Called by the escrow after it has verified evidence. Takes up to amount
    // of the node's stake (also while unbonding) and sends it to the escrow,
    // which credits the harmed client. Returns what was taken.
    function slash(address node, uint256 amount) external nonReentrant returns (uint256 taken) {
        require(msg.sender == escrow, "only escrow");
        Node storage n = nodes[node];
        taken = amount < n.stake ? amount : n.stake;
        n.stake -= uint128(taken);
        emit Slashed(node, taken);
        if (taken > 0) {
            (bool ok, ) = payable(escrow).call{value: taken}("");
            require(ok, "transfer to escrow failed");
        }
    }
}
