//! The operator pallet's storage migrations.

use super::*;
use crate::HoldReason;

#[test]
fn the_v3_migration_folds_the_self_bond_into_the_deposit() {
	use crate::migrations::v3::{MigrateV2ToV3, OperatorV2};
	use codec::Encode;
	use polkadot_sdk::frame_support::{
		storage::unhashed,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};
	build_and_execute(|| {
		setup_pair();
		let old = OperatorV2::<u64, ConstU32<16>> {
			name: s("op"),
			commission: Perbill::from_percent(10),
			pending_commission: None,
			self_bond: 300,
			deposit: OPERATOR_DEPOSIT,
			avs_count: 1,
		};
		unhashed::put_raw(&crate::Operators::<Test>::hashed_key_for(OPERATOR), &old.encode());
		StorageVersion::new(2).put::<Operators>();
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Operators::on_chain_storage_version(), 3);
		let op = crate::Operators::<Test>::get(OPERATOR).unwrap();
		assert_eq!((op.deposit, op.avs_count), (OPERATOR_DEPOSIT + 300, 1));
	});
}

/// Held up: role changes cannot be brought forward by replacing / cancelling; refusals are
/// no-ops; a due change is folded in before a new one is compared.
#[test]
fn the_v3_migration_returns_the_whole_old_hold() {
	use crate::migrations::v3::MigrateV2ToV3;
	use codec::Encode;
	use polkadot_sdk::frame_support::{
		storage::unhashed,
		traits::{fungible::MutateHold, OnRuntimeUpgrade, StorageVersion},
	};
	/// The exact v2 layout from e5c055e's `types.rs`.
	#[derive(Encode)]
	struct OldOperatorInfo {
		name: BoundedVec<u8, ConstU32<16>>,
		commission: Perbill,
		pending_commission: Option<(Perbill, u64)>,
		self_bond: u128,
		deposit: u128,
		avs_count: u32,
	}
	build_and_execute(|| {
		assert_ok!(Operators::register_operator(
			RuntimeOrigin::signed(OPERATOR),
			s("op"),
			Perbill::zero()
		));
		// v2 held deposit + self-bond.
		assert_ok!(<Balances as MutateHold<_>>::hold(
			&HoldReason::OperatorBond.into(),
			&OPERATOR,
			300
		));
		let old = OldOperatorInfo {
			name: s("op"),
			commission: Perbill::from_percent(7),
			pending_commission: Some((Perbill::from_percent(9), 77)),
			self_bond: 300,
			deposit: OPERATOR_DEPOSIT,
			avs_count: 0,
		};
		unhashed::put_raw(&crate::Operators::<Test>::hashed_key_for(OPERATOR), &old.encode());
		StorageVersion::new(2).put::<Operators>();
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		let op = crate::Operators::<Test>::get(OPERATOR).unwrap();
		assert_eq!(op.pending_commission, Some((Perbill::from_percent(9), 77)));
		assert_eq!(op.commission, Perbill::from_percent(7));
		assert_ok!(Operators::deregister_operator(RuntimeOrigin::signed(OPERATOR)));
		assert_eq!(held(HoldReason::OperatorBond, OPERATOR), 0);
		assert_eq!(Balances::free_balance(OPERATOR), 10_000);
	});
}
