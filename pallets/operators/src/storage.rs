//! The operator pallet's storage items, and the types they store.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod storage {
	/// Display strings (names, URIs).
	pub type StringOf<T> = BoundedVec<u8, <T as Config>::StringLimit>;

	/// An AVS as stored.
	pub type AvsOf<T> = AvsInfo<
		<T as frame_system::Config>::AccountId,
		<T as Config>::AssetKind,
		BlockNumberFor<T>,
		<T as Config>::StringLimit,
		<T as Config>::MaxAcceptedAssets,
	>;

	/// An operator as stored.
	pub type OperatorOf<T> = OperatorInfo<BlockNumberFor<T>, <T as Config>::StringLimit>;

	/// The vaults allocating to one (operator, AVS) pair.
	pub type PairVaultsOf<T> = BoundedVec<VaultId, <T as Config>::MaxVaultsPerPair>;

	/// The id the next AVS gets.
	#[pallet::storage]
	pub type NextAvsId<T> = StorageValue<_, AvsId, ValueQuery>;

	/// Every AVS by id. `Twox64Concat`: ids are sequential. Its `slasher` and `resolver` are
	/// superseded by a due [`PendingAvsRoles`] entry (the runtime API shows the roles in
	/// force). A deregistered AVS stays, with `deposit` 0 once released.
	#[pallet::storage]
	pub type Avss<T: Config> = StorageMap<_, Twox64Concat, AvsId, AvsOf<T>>;

	/// The account an AVS's owner offered ownership to (`transfer_avs_ownership`); it takes
	/// over with `accept_avs_ownership`. `Twox64Concat`: AVS ids are sequential.
	#[pallet::storage]
	pub type PendingAvsOwners<T: Config> = StorageMap<_, Twox64Concat, AvsId, T::AccountId>;

	/// A scheduled change of an AVS's slasher and resolver (`set_avs_roles`), in force from
	/// its `effective_at`. `Twox64Concat`: AVS ids are sequential.
	#[pallet::storage]
	pub type PendingAvsRoles<T: Config> =
		StorageMap<_, Twox64Concat, AvsId, RoleChange<T::AccountId, BlockNumberFor<T>>>;

	/// Every operator by account. `Blake2_128Concat`: accounts are chosen by users.
	#[pallet::storage]
	pub type Operators<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, OperatorOf<T>>;

	/// Opt-in of an operator to an AVS, keyed by AVS first so an AVS's operators are one
	/// bounded prefix (`MaxOperatorsPerAvs`).
	#[pallet::storage]
	pub type OptIns<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AvsId,
		Blake2_128Concat,
		T::AccountId,
		OptInStatus<BlockNumberFor<T>>,
	>;

	/// Allocation of a vault to an (operator, AVS) pair. Ids use `Twox64Concat` (sequential),
	/// the operator `Blake2_128Concat` (chosen by users).
	#[pallet::storage]
	pub type Allocations<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, VaultId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, AvsId>,
		),
		Allocation<BlockNumberFor<T>>,
	>;

	/// The vaults allocating to an (operator, AVS) pair: what a slash of the pair visits
	/// (bounded by `MaxVaultsPerPair`). `Blake2_128Concat` on the operator, `Twox64Concat` on
	/// the sequential AVS id.
	#[pallet::storage]
	pub type PairVaults<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		AvsId,
		PairVaultsOf<T>,
		ValueQuery,
	>;

	/// Each vault's magnitudes (absent: never allocated, `MAGNITUDE_ONE`). `Twox64Concat`:
	/// vault ids are sequential.
	#[pallet::storage]
	pub type VaultMagnitudes<T: Config> =
		StorageMap<_, Twox64Concat, VaultId, VaultMagnitude, ValueQuery>;

	/// The vaults each operator accepts allocations from (absent: any vault). Set by the
	/// operator with `set_vault_allowlist`; bounded by `MaxVaultAllowlist`. `Blake2_128Concat`:
	/// accounts are chosen by users.
	#[pallet::storage]
	pub type VaultAllowlists<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BoundedVec<VaultId, T::MaxVaultAllowlist>>;

	/// The longest withdrawal delay of any vault that has allocated to each AVS: a riskier
	/// slashing policy waits longer. `Twox64Concat`: AVS ids are sequential.
	#[pallet::storage]
	pub type AvsExitDelay<T: Config> =
		StorageMap<_, Twox64Concat, AvsId, BlockNumberFor<T>, ValueQuery>;

	/// The longest withdrawal delay of any vault that has allocated to each operator: a
	/// commission increase waits longer. `Blake2_128Concat`: accounts are chosen by users.
	#[pallet::storage]
	pub type OperatorExitDelay<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BlockNumberFor<T>, ValueQuery>;
}
