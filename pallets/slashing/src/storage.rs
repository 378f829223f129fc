//! The slashing pallet's storage and its genesis configuration: a section of the pallet
//! module (`frame_support::pallet_macros::pallet_section`).

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

/// Imported into [`crate::pallet`] with `#[import_section(storage)]`.
#[pallet_section]
mod storage {
	/// The policy in force for each AVS (none: the AVS cannot slash). `Twox64Concat` here and
	/// below on AVS, vault and slash ids: all sequential, none chosen by users.
	#[pallet::storage]
	pub type Policies<T: Config> = StorageMap<_, Twox64Concat, AvsId, PolicyOf<T>>;

	/// A riskier policy waiting for `PolicyChangeDelay`, with the block from which it applies.
	#[pallet::storage]
	pub type PendingPolicies<T: Config> = StorageMap<
		_,
		Twox64Concat,
		AvsId,
		PendingPolicy<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>,
	>;

	/// Governance's ceiling on any single slash, whatever the policy says.
	#[pallet::storage]
	pub type GlobalMaxFraction<T> = StorageValue<_, Perbill, ValueQuery, DefaultGlobalMax>;

	/// The default ceiling: 100 %.
	#[pallet::type_value]
	pub fn DefaultGlobalMax() -> Perbill {
		Perbill::one()
	}

	/// The id the next slash request gets.
	#[pallet::storage]
	pub type NextSlashId<T> = StorageValue<_, SlashId, ValueQuery>;

	/// Slash requests waiting for their veto window.
	#[pallet::storage]
	pub type PendingSlashes<T: Config> = StorageMap<_, Twox64Concat, SlashId, RequestOf<T>>;

	/// The pending requests of each AVS (bounded by `MaxPendingPerAvs`).
	#[pallet::storage]
	pub type AvsRequests<T: Config> =
		StorageMap<_, Twox64Concat, AvsId, BoundedVec<SlashId, T::MaxPendingPerAvs>, ValueQuery>;

	/// The pending requests against each operator (the AVS as the value), so the operator's
	/// pending slashes are one bounded prefix: at most `MaxPendingPerAvs` for each AVS the
	/// operator is slashable by. `Blake2_128Concat` on the operator, chosen by users.
	#[pallet::storage]
	pub type OperatorRequests<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, SlashId, AvsId>;

	/// The pending requests that captured each vault's stake: withdrawals of the vault that
	/// mature after the earliest unexpired one wait (bounded by `MaxHoldsPerVault`).
	#[pallet::storage]
	pub type VaultHolds<T: Config> = StorageMap<
		_,
		Twox64Concat,
		VaultId,
		BoundedVec<HoldOf<T>, T::MaxHoldsPerVault>,
		ValueQuery,
	>;

	/// The pending requests of an AVS against an operator: stake of the pair due to leave after
	/// one of them was made stays (bounded by `MaxPendingPerAvs`). `Blake2_128Concat` on the
	/// operator, chosen by users.
	#[pallet::storage]
	pub type PairHolds<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AvsId,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<HoldOf<T>, T::MaxPendingPerAvs>,
		ValueQuery,
	>;

	/// The requests of an AVS against an operator within the last epoch (rolling) or
	/// cooldown, whichever is longer: `(block, fraction)`, for the cooldown and the per-epoch
	/// cap. `Blake2_128Concat` on the operator.
	#[pallet::storage]
	pub type RecentSlashes<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AvsId,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<(BlockNumberFor<T>, Perbill), T::MaxSlashesPerEpoch>,
		ValueQuery,
	>;

	/// Executed slashes whose funds wait in escrow for an account destination.
	#[pallet::storage]
	pub type Escrows<T: Config> = StorageMap<_, Twox64Concat, SlashId, EscrowOf<T>>;

	/// Every settled slash, by id, until pruned after `HistoryRetention`.
	#[pallet::storage]
	pub type SlashHistory<T: Config> = StorageMap<_, Twox64Concat, SlashId, RecordOf<T>>;

	/// The deposit held for each request made since deposits exist (who paid it, how much),
	/// released when its record is pruned.
	#[pallet::storage]
	pub type SlashDeposits<T: Config> = StorageMap<_, Twox64Concat, SlashId, (T::AccountId, u128)>;

	/// Why this pallet holds native funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The slasher's deposit for a request and the record of its settlement.
		#[codec(index = 0)]
		SlashRecord,
	}

	/// Policies in force from the first block: `(avs, veto_window, max fraction per
	/// incident (ppb), max fraction per epoch (ppb), cooldown, destination account or `None`
	/// to burn)`, all enabled.
	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The policies in force from genesis (each enabled).
		pub policies: alloc::vec::Vec<GenesisPolicy<T::AccountId, BlockNumberFor<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for GenesisPolicy {
				avs,
				veto_window,
				max_fraction_per_incident_ppb: incident,
				max_fraction_per_epoch_ppb: epoch,
				cooldown,
				destination,
			} in &self.policies
			{
				Policies::<T>::insert(
					avs,
					SlashPolicy {
						veto_window: *veto_window,
						max_fraction_per_incident: Perbill::from_parts(*incident),
						max_fraction_per_epoch: Perbill::from_parts(*epoch),
						cooldown: *cooldown,
						destination: destination
							.clone()
							.map_or(SlashDestination::Burn, SlashDestination::Account),
						status: PolicyStatus::Enabled,
					},
				);
			}
		}
	}
}
