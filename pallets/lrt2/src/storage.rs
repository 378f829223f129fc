//! The ledger's storage (with the types it is stored as) and its genesis configuration:
//! a section of the pallet module (`frame_support::pallet_macros::pallet_section`).

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

/// Imported into [`crate::pallet`] with `#[import_section(storage)]`.
#[pallet_section]
mod storage {
	/// A stream as stored.
	pub type StreamOf<T> =
		Stream<<T as frame_system::Config>::AccountId, <T as Config>::AssetKind, BlockNumberFor<T>>;
	/// A pair as stored.
	pub type PairStateOf<T> = PairState<
		<T as frame_system::Config>::AccountId,
		<T as Config>::AssetKind,
		BlockNumberFor<T>,
		<T as Config>::MaxRewardAssets,
	>;
	/// A programme as stored.
	pub type ProgrammeOf<T> = Programme<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::NameLimit,
	>;
	/// A bounty as stored.
	pub type BountyOf<T> =
		Bounty<<T as frame_system::Config>::AccountId, <T as Config>::AssetKind, BlockNumberFor<T>>;
	/// A source of rewards.
	pub type SourceOf<T> = Source<<T as Config>::AssetKind>;
	/// A vault's retired sources as stored.
	pub type RetiredSourcesOf<T> = RetiredSources<<T as Config>::AssetKind, MaxRetiredEntries<T>>;

	/// Longest raw storage key of an [`Earned`] entry: prefixes, the account's and the
	/// source's hashes and encodings.
	pub type ClaimKeyLimit = polkadot_sdk::frame_support::traits::ConstU32<256>;

	/// The bound of a vault's source list: AVS token sources, vault rewards and points.
	pub struct MaxVaultSources<T>(core::marker::PhantomData<T>);
	impl<T: Config> Get<u32> for MaxVaultSources<T> {
		fn get() -> u32 {
			T::MaxSourcesPerVault::get()
				.saturating_add(T::MaxRewardAssets::get())
				.saturating_add(T::MaxPointSources::get())
		}
	}

	/// The bound of a vault's retired sources: `MaxRetiredSources` AVS token sources and as
	/// many points sources, so neither kind's waiting holders can block the other's room.
	pub struct MaxRetiredEntries<T>(core::marker::PhantomData<T>);
	impl<T: Config> Get<u32> for MaxRetiredEntries<T> {
		fn get() -> u32 {
			T::MaxRetiredSources::get().saturating_mul(2)
		}
	}

	/// The deposit held for each stream funded since deposits exist (who paid it, how much).
	///
	/// Hashers: `Twox64Concat` on the stream id (sequential, not chosen by users).
	#[pallet::storage]
	pub type StreamDeposits<T: Config> =
		StorageMap<_, Twox64Concat, StreamId, Deposit<T::AccountId>>;

	/// The id the next stream gets.
	#[pallet::storage]
	pub type NextStreamId<T> = StorageValue<_, StreamId, ValueQuery>;

	/// Every stream ever funded, for the audit trail (finished ones stay readable).
	///
	/// Hashers: `Twox64Concat` on the stream id (sequential, not chosen by users).
	#[pallet::storage]
	pub type Streams<T: Config> = StorageMap<_, Twox64Concat, StreamId, StreamOf<T>>;

	/// Streams of an AVS still paying out.
	///
	/// Hashers: `Twox64Concat` on the AVS id (sequential, not chosen by users).
	#[pallet::storage]
	pub type ActiveStreams<T: Config> =
		StorageMap<_, Twox64Concat, AvsId, BoundedVec<StreamId, T::MaxStreamsPerAvs>, ValueQuery>;

	/// Assets an AVS has ever streamed (each has a pool in [`AvsPools`]): at most the listed
	/// reward assets, so an AVS may stream any of them, at once or one after another.
	///
	/// Hashers: `Twox64Concat` on the AVS id (sequential, not chosen by users).
	#[pallet::storage]
	pub type AvsAssets<T: Config> = StorageMap<
		_,
		Twox64Concat,
		AvsId,
		BoundedVec<T::AssetKind, T::MaxRewardAssets>,
		ValueQuery,
	>;

	/// Reward index per (AVS, asset).
	///
	/// Hashers: `Twox64Concat` on the AVS id (sequential, not chosen by users); `Blake2_128Concat`
	/// on the asset (its id is chosen by whoever creates it).
	#[pallet::storage]
	pub type AvsPools<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AvsId,
		Blake2_128Concat,
		T::AssetKind,
		AvsPool<BlockNumberFor<T>>,
		ValueQuery,
	>;

	/// Sum of the weights of the pairs allocated to an AVS, as last synced.
	///
	/// Hashers: `Twox64Concat` on the AVS id (sequential, not chosen by users).
	#[pallet::storage]
	pub type AvsWeights<T: Config> = StorageMap<_, Twox64Concat, AvsId, u128, ValueQuery>;

	/// The (operator, AVS) pairs a vault allocates to, with their weight and snapshots.
	///
	/// Hashers: `Twox64Concat` on the vault id (sequential, not chosen by users).
	#[pallet::storage]
	pub type VaultPairs<T: Config> = StorageMap<
		_,
		Twox64Concat,
		VaultId,
		BoundedVec<PairStateOf<T>, T::MaxPairsPerVault>,
		ValueQuery,
	>;

	/// The block a vault was last synced.
	///
	/// Hashers: `Twox64Concat` on the vault id (sequential, not chosen by users).
	#[pallet::storage]
	pub type VaultSyncedAt<T: Config> = StorageMap<_, Twox64Concat, VaultId, BlockNumberFor<T>>;

	/// The stake a vault's points programmes count, as of its last sync: points for the blocks
	/// since then use it, whatever changed the stake in between.
	///
	/// Hashers: `Twox64Concat` on the vault id (sequential, not chosen by users).
	#[pallet::storage]
	pub type VaultPointsStake<T: Config> = StorageMap<_, Twox64Concat, VaultId, u128>;

	/// Vault rewards (`reward_vault`, per vault and asset) still being released to the vault's
	/// holders, at most one per listed reward asset.
	///
	/// Hashers: `Twox64Concat` on the vault id (sequential, not chosen by users);
	/// `Blake2_128Concat` on the asset (its id is chosen by whoever creates it).
	#[pallet::storage]
	pub type VaultDrips<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		VaultId,
		Blake2_128Concat,
		T::AssetKind,
		Drip<BlockNumberFor<T>>,
	>;

	/// The reward sources that have paid a vault's holders: at most `MaxSourcesPerVault`
	/// from AVSs and programmes plus at most `MaxRewardAssets` vault rewards.
	///
	/// Hashers: `Twox64Concat` on the vault id (sequential, not chosen by users).
	#[pallet::storage]
	pub type VaultSources<T: Config> = StorageMap<
		_,
		Twox64Concat,
		VaultId,
		BoundedVec<SourceOf<T>, MaxVaultSources<T>>,
		ValueQuery,
	>;

	/// Sources that left a vault's list to make room (a programme that ended, an AVS the
	/// vault no longer backs) while some of its LRT had not been settled past them.
	///
	/// Hashers: `Twox64Concat` on the vault id (sequential, not chosen by users).
	#[pallet::storage]
	pub type Retired<T: Config> =
		StorageMap<_, Twox64Concat, VaultId, RetiredSourcesOf<T>, ValueQuery>;

	/// The vault's retirement count (`Retired::epoch`) when a holder was last settled there
	/// (kept once the vault has retired a source): the holder is owed the entries retired
	/// after it, and its snapshots of pools that began after it are from older pools.
	///
	/// Hashers: `Twox64Concat` on the vault id (sequential, not chosen by users);
	/// `Blake2_128Concat` on the account (chosen by users).
	#[pallet::storage]
	pub type HolderEpochs<T: Config> =
		StorageDoubleMap<_, Twox64Concat, VaultId, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The vault's retirement count when a pool began, for pools that began after the vault's
	/// first retirement (none before): a holder snapshot taken at a lower count belongs to an
	/// older pool of the same source, which retired.
	///
	/// Hashers: `Twox64Concat` on the vault id (sequential, not chosen by users);
	/// `Blake2_128Concat` on the source (it names assets, chosen by users).
	#[pallet::storage]
	pub type PoolsCreated<T: Config> =
		StorageDoubleMap<_, Twox64Concat, VaultId, Blake2_128Concat, SourceOf<T>, u32>;

	/// Rounding dust of retired vault pools, per asset, once every holder settled them.
	///
	/// Hashers: `Blake2_128Concat` on the asset (its id is chosen by whoever creates it).
	#[pallet::storage]
	pub type RetiredDust<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AssetKind, u128, ValueQuery>;

	/// The assets rewards may be paid in, listed by governance.
	#[pallet::storage]
	pub type RewardAssets<T: Config> =
		StorageValue<_, BoundedVec<T::AssetKind, T::MaxRewardAssets>, ValueQuery>;

	/// Amount per LRT share per (vault, source).
	///
	/// Hashers: `Twox64Concat` on the vault id (sequential, not chosen by users);
	/// `Blake2_128Concat` on the source (it names assets, chosen by users).
	#[pallet::storage]
	pub type VaultPools<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		VaultId,
		Blake2_128Concat,
		SourceOf<T>,
		VaultPool,
		ValueQuery,
	>;

	/// A holder's index snapshot per (vault, holder, source).
	///
	/// Hashers: `Twox64Concat` on the vault id (sequential, not chosen by users);
	/// `Blake2_128Concat` on the account (chosen by users); `Blake2_128Concat` on the source (it
	/// names assets, chosen by users).
	#[pallet::storage]
	pub type HolderSnapshots<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, VaultId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Blake2_128Concat, SourceOf<T>>,
		),
		RewardIndex,
		ValueQuery,
	>;

	/// The vaults an account entered by its own action (deposit, `track_vault`) and holds (or
	/// held, until its next claim) LRT in: `claim` settles them.
	///
	/// Hashers: `Blake2_128Concat` on the account (chosen by users).
	#[pallet::storage]
	pub type HolderVaults<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<VaultId, T::MaxVaultsPerHolder>,
		ValueQuery,
	>;

	/// The vaults whose LRT an account only received from others (transfers): `claim` settles
	/// them too, but they never take the place of [`HolderVaults`].
	///
	/// Hashers: `Blake2_128Concat` on the account (chosen by users).
	#[pallet::storage]
	pub type ReceivedVaults<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<VaultId, T::MaxReceivedVaults>,
		ValueQuery,
	>;

	/// The vaults allocating to an operator's pairs, synced when it claims its commission.
	///
	/// Hashers: `Blake2_128Concat` on the account (chosen by users).
	#[pallet::storage]
	pub type OperatorVaults<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<VaultId, T::MaxVaultsPerOperator>,
		ValueQuery,
	>;

	/// Settled, unclaimed token rewards per (account, source).
	///
	/// Hashers: `Blake2_128Concat` on the account (chosen by users); `Blake2_128Concat` on the
	/// source (it names assets, chosen by users).
	#[pallet::storage]
	pub type Earned<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		SourceOf<T>,
		u128,
		ValueQuery,
	>;

	/// Where an account's next `claim` starts among its [`Earned`] entries (the raw storage
	/// key of the last entry the previous claim looked at), when that claim's window was full.
	///
	/// Hashers: `Blake2_128Concat` on the account (chosen by users).
	#[pallet::storage]
	pub type ClaimCursor<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BoundedVec<u8, ClaimKeyLimit>>;

	/// Where an account's next `claim` goes on from, when the previous one stopped at
	/// `ClaimSettleBudget` before going through all of the account's vaults: after the last
	/// vault it settled, up to the end of its round, then a new round from the lowest id.
	///
	/// Hashers: `Blake2_128Concat` on the account (chosen by users).
	#[pallet::storage]
	pub type ClaimVaultCursor<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ClaimRound>;

	/// Settled points per (account, programme).
	///
	/// Hashers: `Blake2_128Concat` on the account (chosen by users); `Twox64Concat` on the
	/// programme id (sequential, not chosen by users).
	#[pallet::storage]
	pub type Points<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		ProgrammeId,
		u128,
		ValueQuery,
	>;

	/// The id the next programme gets.
	#[pallet::storage]
	pub type NextProgrammeId<T> = StorageValue<_, ProgrammeId, ValueQuery>;

	/// Every points programme.
	///
	/// Hashers: `Twox64Concat` on the programme id (sequential, not chosen by users).
	#[pallet::storage]
	pub type Programmes<T: Config> = StorageMap<_, Twox64Concat, ProgrammeId, ProgrammeOf<T>>;

	/// Programmes rewarding stake allocated to an AVS: open ones, and closed ones some pair
	/// still owes (see [`ClosingProgrammes`]).
	///
	/// Hashers: `Twox64Concat` on the AVS id (sequential, not chosen by users).
	#[pallet::storage]
	pub type AvsProgrammes<T: Config> =
		StorageMap<_, Twox64Concat, AvsId, BoundedVec<ProgrammeId, T::MaxProgrammes>, ValueQuery>;

	/// Programmes rewarding stake in a vault.
	///
	/// Hashers: `Twox64Concat` on the vault id (sequential, not chosen by users).
	#[pallet::storage]
	pub type VaultProgrammes<T: Config> =
		StorageMap<_, Twox64Concat, VaultId, BoundedVec<ProgrammeId, T::MaxProgrammes>, ValueQuery>;

	/// How many (vault, operator) pairs of all vaults the ledger tracks for an AVS: every one
	/// owes a new programme of the AVS its points.
	///
	/// Hashers: `Twox64Concat` on the AVS id (sequential, not chosen by users).
	#[pallet::storage]
	pub type AvsPairs<T: Config> = StorageMap<_, Twox64Concat, AvsId, u32, ValueQuery>;

	/// How many pairs an AVS programme still has to credit up to its end (those not synced
	/// past it): a closed programme keeps its slot and record until none is left.
	///
	/// Hashers: `Twox64Concat` on the programme id (sequential, not chosen by users).
	#[pallet::storage]
	pub type ProgrammePairs<T: Config> = StorageMap<_, Twox64Concat, ProgrammeId, u32, ValueQuery>;

	/// AVS programmes closed while pairs still owed them: they leave their AVS's list with
	/// the last of those pairs' syncs (anyone may `poke` a vault).
	///
	/// Hashers: `Twox64Concat` on the programme id (sequential, not chosen by users).
	#[pallet::storage]
	pub type ClosingProgrammes<T: Config> = StorageMap<_, Twox64Concat, ProgrammeId, ()>;

	/// The deposit held for each programme created since deposits exist (who paid it, how
	/// much).
	///
	/// Hashers: `Twox64Concat` on the programme id (sequential, not chosen by users).
	#[pallet::storage]
	pub type ProgrammeDeposits<T: Config> =
		StorageMap<_, Twox64Concat, ProgrammeId, Deposit<T::AccountId>>;

	/// The id the next bounty gets.
	#[pallet::storage]
	pub type NextBountyId<T> = StorageValue<_, BountyId, ValueQuery>;

	/// Open (escrowed, not yet awarded or cancelled) bounties.
	///
	/// Hashers: `Twox64Concat` on the bounty id (sequential, not chosen by users).
	#[pallet::storage]
	pub type Bounties<T: Config> = StorageMap<_, Twox64Concat, BountyId, BountyOf<T>>;

	/// Number of open bounties per AVS.
	///
	/// Hashers: `Twox64Concat` on the AVS id (sequential, not chosen by users).
	#[pallet::storage]
	pub type OpenBounties<T: Config> = StorageMap<_, Twox64Concat, AvsId, u32, ValueQuery>;

	/// Funded into and paid out of the ledger, per asset.
	///
	/// Hashers: `Blake2_128Concat` on the asset (its id is chosen by whoever creates it).
	#[pallet::storage]
	pub type Totals<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AssetKind, AssetTotals, ValueQuery>;

	/// Streams and programmes that exist from the first block.
	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Assets listed as rewards.
		pub reward_assets: alloc::vec::Vec<T::AssetKind>,
		/// Vaults synced first, so their existing allocations weigh in the streams below.
		pub synced_vaults: alloc::vec::Vec<VaultId>,
		/// Streams funded at genesis, after the vaults above are synced.
		pub streams: alloc::vec::Vec<GenesisStream<T::AccountId, T::AssetKind, BlockNumberFor<T>>>,
		/// Points programmes created at genesis.
		pub programmes: alloc::vec::Vec<GenesisProgramme<T::AccountId, BlockNumberFor<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let listed: BoundedVec<_, _> =
				self.reward_assets.clone().try_into().expect("genesis reward assets fit");
			RewardAssets::<T>::put(listed);
			for vault in &self.synced_vaults {
				Pallet::<T>::sync_vault(*vault);
			}
			for GenesisStream { funder, avs, asset, amount, duration } in &self.streams {
				Pallet::<T>::do_fund_stream(funder, *avs, asset.clone(), *amount, *duration)
					.expect("genesis stream is valid");
			}
			for GenesisProgramme { owner, scope, name, rate, start, end } in &self.programmes {
				let name = name.clone().try_into().expect("genesis programme name fits");
				Pallet::<T>::do_create_programme(owner, *scope, name, *rate, *start, *end)
					.expect("genesis programme is valid");
			}
		}
	}
}
