//! What the slashing pallet's implementation files import: `use crate::prelude::*;`.

pub(crate) use crate::{pallet::*, types::*, weights::WeightInfo};
pub(crate) use polkadot_sdk::{
	frame_support::{
		ensure,
		pallet_prelude::*,
		traits::{fungible::MutateHold, Defensive, DefensiveResult},
		BoundedVec,
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_core::H256,
	sp_runtime::{
		traits::{One, Saturating, Zero},
		Perbill,
	},
};
pub(crate) use restake_primitives::{
	slash_caps,
	traits::{AllocationSlash, SlashHolds, StakeExitDelays, StakeInspect, VaultSlash},
	AvsId, SlashDestination, VaultId,
};
