//! A vault's source list: each kind of source (vault rewards, points, AVS streams) in its
//! own room; a finished source gives its place to a new one by retiring ([`Retired`]).

use super::*;

impl<T: Config> Pallet<T> {
	/// Whether `source` is in the vault's list or fits in its kind's share of it: vault
	/// rewards (which anyone may add) within `MaxRewardAssets`, points within
	/// `MaxPointSources`, AVS token sources within `MaxSourcesPerVault`. No kind can take
	/// another's room.
	pub(crate) fn has_room_for(vault: VaultId, source: &SourceOf<T>) -> bool {
		let sources = VaultSources::<T>::get(vault);
		sources.contains(source) || Self::has_room_in(&sources, source)
	}

	/// Whether the room of `source`'s kind in `sources` has a free place.
	pub(crate) fn has_room_in(sources: &[SourceOf<T>], source: &SourceOf<T>) -> bool {
		let same_kind = sources.iter().filter(|s| kind_of(s) == kind_of(source)).count();
		let room = match kind_of(source) {
			SourceKind::VaultReward => T::MaxRewardAssets::get(),
			SourceKind::Points => T::MaxPointSources::get(),
			SourceKind::Avs => T::MaxSourcesPerVault::get(),
		};
		same_kind < room as usize
	}

	/// Lists `source` in the vault if it is not listed: in its kind's room, or (as `room`
	/// allows) in the place of the oldest finished source of its kind, which retires.
	/// Returns whether the source is listed.
	pub(crate) fn take_room(vault: VaultId, source: &SourceOf<T>, room: &mut RoomMaker) -> bool {
		let mut sources = VaultSources::<T>::get(vault);
		if sources.contains(source) {
			return true;
		}
		if Self::has_room_in(&sources, source) {
			// Cannot fail: each kind's room is within the list's bound.
			let listed = sources.try_push(source.clone()).is_ok();
			VaultSources::<T>::insert(vault, sources);
			Self::mark_created(vault, source, room);
			return listed;
		}
		let kind = kind_of(source);
		if !room.may_scan(kind) {
			return false;
		}
		let pairs = VaultPairs::<T>::get(vault);
		let finished = sources
			.iter()
			.position(|s| kind_of(s) == kind && Self::is_finished(vault, s, &pairs));
		let Some(at) = finished.filter(|at| Self::retire(vault, sources[*at].clone())) else {
			// Nothing of this kind can retire now: no other source of it will find room in
			// this sync either.
			room.exhaust(kind);
			return false;
		};
		// The list stays oldest first: the oldest finished source is the first to retire.
		sources.remove(at);
		// Cannot fail: a place was just freed.
		let listed = sources.try_push(source.clone()).is_ok();
		VaultSources::<T>::insert(vault, sources);
		Self::mark_created(vault, source, room);
		listed
	}

	/// Records when the pool of a newly listed source begins, once the vault has retired a
	/// source: at a retirement count above every holder's, raised once per sync, so any
	/// snapshot a holder still has of the source is known to be of an older pool.
	pub(crate) fn mark_created(vault: VaultId, source: &SourceOf<T>, room: &mut RoomMaker) {
		let created = match room.created {
			Some(created) => created,
			None => {
				room.epoch_reads.saturating_inc();
				let mut retired = Retired::<T>::get(vault);
				if retired.epoch.is_zero() {
					// No retirement yet: no holder has a snapshot of an older pool.
					return;
				}
				retired.epoch = retired.epoch.saturating_add(1);
				let created = retired.epoch;
				Retired::<T>::insert(vault, retired);
				room.created = Some(created);
				created
			},
		};
		PoolsCreated::<T>::insert(vault, source, created);
		room.creations.saturating_inc();
	}

	/// Whether a listed source will never credit the vault again: a programme past its end
	/// (the vault was synced up to now before any credit), gone, or of an AVS the vault no
	/// longer backs; the streams of an AVS the vault no longer backs. Should the vault back
	/// the AVS again, its source is listed afresh.
	pub(crate) fn is_finished(
		vault: VaultId,
		source: &SourceOf<T>,
		pairs: &[PairStateOf<T>],
	) -> bool {
		let backs = |avs: AvsId| pairs.iter().any(|p| p.avs == avs);
		match source {
			Source::Avs { avs, .. } => !backs(*avs),
			Source::Points { programme } => match Programmes::<T>::get(programme) {
				None => true,
				Some(p) => {
					p.end <= Self::now()
						|| match p.scope {
							ProgrammeScope::Avs(avs) => !backs(avs),
							ProgrammeScope::Vault(v) => v != vault,
						}
				},
			},
			Source::Vault { .. } | Source::Commission { .. } | Source::Bounty { .. } => false,
		}
	}

	/// Takes `source` out of the vault's pools. The LRT outstanding now (its holders' LRT is
	/// constant until each one's next settlement) is owed its credits since each holder's
	/// snapshot: it waits in [`Retired`] until all of it has been settled. Returns `false`,
	/// changing nothing, when `MaxRetiredSources` of its kind wait already.
	pub(crate) fn retire(vault: VaultId, source: SourceOf<T>) -> bool {
		let shares = T::Vaults::total_shares(vault);
		let mut retired = Retired::<T>::get(vault);
		let pool = VaultPools::<T>::get(vault, &source);
		let owed = !shares.is_zero() && !pool.index.is_zero();
		let same_kind = retired
			.entries
			.iter()
			.filter(|e| kind_of(&e.source) == kind_of(&source))
			.count();
		if owed && same_kind >= T::MaxRetiredSources::get() as usize {
			return false;
		}
		VaultPools::<T>::remove(vault, &source);
		let created = PoolsCreated::<T>::take(vault, &source).unwrap_or_default();
		// Raised even when nothing is owed: a pool the source begins later must begin above
		// every snapshot of this one.
		retired.epoch = retired.epoch.saturating_add(1);
		if owed {
			let entry = RetiredSource {
				source: source.clone(),
				epoch: retired.epoch,
				pool,
				created,
				unsettled: shares,
			};
			let _ = retired.entries.try_push(entry).defensive_proof(
				"each kind holds at most half the bound (checked above), and only two kinds retire",
			);
		} else {
			// Nobody holds it: what is left in the pool is rounding dust.
			Self::record_retired_dust(&source, &pool);
		}
		Retired::<T>::insert(vault, retired);
		Self::deposit_event(Event::SourceRetired {
			vault,
			source,
			unsettled: if owed { shares } else { 0 },
		});
		true
	}

	/// Keeps what a retired pool credited and nobody was settled as rounding dust.
	pub(crate) fn record_retired_dust(source: &SourceOf<T>, pool: &VaultPool) {
		let dust = pool.credited.saturating_sub(pool.settled);
		if let (Some(asset), false) = (crate::types::source_asset(source), dust.is_zero()) {
			RetiredDust::<T>::mutate(asset, |d| d.saturating_accrue(dust));
		}
	}
}

/// The kinds of source that share a vault's list, each within its own room.
#[derive(PartialEq, Eq, Clone, Copy)]
enum SourceKind {
	/// Rewards anyone adds to the vault (`reward_vault`).
	VaultReward,
	/// Points programmes.
	Points,
	/// AVS streams.
	Avs,
}

fn kind_of<A>(source: &Source<A>) -> SourceKind {
	match source {
		Source::Vault { .. } => SourceKind::VaultReward,
		Source::Points { .. } => SourceKind::Points,
		_ => SourceKind::Avs,
	}
}

/// What one sync may do to make room for new sources: at most `left` scans for a finished
/// source (each retiring one, or finding none), and no further scan of a kind once one found
/// nothing of it to retire, so the number of new sources a sync meets never multiplies them.
pub(crate) struct RoomMaker {
	/// Scans left per kind (points, AVS streams): one kind's new sources never use up the
	/// other's.
	left: [u32; 2],
	/// Kinds in which no source can retire in this sync.
	exhausted: [bool; 2],
	/// Scans for a finished source so far (each read up to every points programme listed).
	pub(crate) scans: u32,
	/// The retirement count the pools listed in this sync begin at, once raised.
	pub(crate) created: Option<u32>,
	/// Reads of the retirement count for that.
	pub(crate) epoch_reads: u32,
	/// Pools listed in this sync whose beginning was recorded.
	pub(crate) creations: u32,
}

impl RoomMaker {
	/// Allows `retirements` scans per kind.
	pub(crate) fn new(retirements: u32) -> Self {
		Self {
			left: [retirements; 2],
			exhausted: [false; 2],
			scans: 0,
			created: None,
			epoch_reads: 0,
			creations: 0,
		}
	}

	/// The most scans a sync allowed `retirements` per kind does.
	pub(crate) fn max_scans(retirements: u32) -> u32 {
		retirements.saturating_mul(2)
	}

	fn slot(kind: SourceKind) -> Option<usize> {
		match kind {
			SourceKind::Points => Some(0),
			SourceKind::Avs => Some(1),
			SourceKind::VaultReward => None,
		}
	}

	/// Whether a scan for a finished source of `kind` may run; counts it.
	fn may_scan(&mut self, kind: SourceKind) -> bool {
		let Some(slot) = Self::slot(kind) else { return false };
		let (Some(left), Some(false)) = (self.left.get_mut(slot), self.exhausted.get(slot)) else {
			return false;
		};
		if left.is_zero() {
			return false;
		}
		left.saturating_dec();
		self.scans.saturating_inc();
		true
	}

	/// No source of `kind` can retire in this sync.
	fn exhaust(&mut self, kind: SourceKind) {
		if let Some(exhausted) = Self::slot(kind).and_then(|slot| self.exhausted.get_mut(slot)) {
			*exhausted = true;
		}
	}
}
