//! What the ledger's implementation files import: `use crate::prelude::*;`.

pub(crate) use crate::{pallet::*, types::*, weights::WeightInfo};
pub(crate) use alloc::vec::Vec;
pub(crate) use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{
			fungible::MutateHold,
			fungibles::{Inspect, Mutate},
			tokens::{Precision, Preservation, Provenance},
			DefensiveSaturating, Get,
		},
		weights::Weight,
	},
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::{
		traits::{AccountIdConversion, Saturating, Zero},
		DispatchError, DispatchResult, FixedU128,
	},
};
pub(crate) use restake_primitives::{
	drip::Drip,
	traits::{OnSharesChanged, OnStakeChanged, StakeInspect, VaultCompound, VaultInspect},
	AvsId, VaultId,
};
