//! The fee market (`configs::fees`): what a full block costs, and the multiplier following
//! congestion block by block through `pallet_transaction_payment`'s own `on_finalize`.

use super::dev_storage;
use crate::{
	configs::fees::FULL_BLOCK_FEE, AccountId, Balance, Runtime, RuntimeCall, System,
	TransactionPayment, UNIT,
};
use polkadot_sdk::{
	frame_support::{
		dispatch::{DispatchClass, GetDispatchInfo},
		traits::Hooks,
		weights::Weight,
	},
	pallet_transaction_payment::{Multiplier, NextFeeMultiplier},
	sp_io,
	sp_keyring::Sr25519Keyring,
	sp_runtime::{traits::One, MultiAddress},
};

fn normal_max() -> Weight {
	<Runtime as polkadot_sdk::frame_system::Config>::BlockWeights::get()
		.get(DispatchClass::Normal)
		.max_total
		.expect("the normal class has a maximum")
}

fn transfer() -> RuntimeCall {
	RuntimeCall::Balances(polkadot_sdk::pallet_balances::Call::transfer_keep_alive {
		dest: MultiAddress::Id(AccountId::from(Sr25519Keyring::Bob.public())),
		value: UNIT,
	})
}

/// The fee of a 150-byte transfer at the current multiplier.
fn transfer_fee() -> Balance {
	TransactionPayment::compute_fee(150, &transfer().get_dispatch_info(), 0)
}

/// Ends block `n` with `used` normal weight, as `frame_executive` does.
fn end_block(n: u32, used: Weight) {
	System::set_block_number(n);
	System::set_block_consumed_resources(used, 0);
	TransactionPayment::on_finalize(n);
}

#[test]
fn a_full_block_costs_the_full_block_fee_and_a_transfer_a_small_part_of_it() {
	sp_io::TestExternalities::new(dev_storage()).execute_with(|| {
		let full = TransactionPayment::weight_to_fee(normal_max());
		assert!(full.abs_diff(FULL_BLOCK_FEE) <= FULL_BLOCK_FEE / 1_000, "{full}");
		let length = TransactionPayment::length_to_fee(
			crate::configs::NORMAL_DISPATCH_RATIO * crate::configs::MAX_BLOCK_LENGTH,
		);
		assert!(length.abs_diff(FULL_BLOCK_FEE) <= FULL_BLOCK_FEE / 1_000, "{length}");
		// A transfer costs between 1 and 20 milli-UNIT: cheap for a user, while filling a
		// block costs 10 UNIT.
		let fee = transfer_fee();
		assert!(fee > UNIT / 1_000 && fee < UNIT / 50, "transfer fee {fee}");
	});
}

#[test]
fn full_blocks_raise_fees_and_empty_blocks_lower_them_to_the_base_price() {
	sp_io::TestExternalities::new(dev_storage()).execute_with(|| {
		let base = transfer_fee();
		assert_eq!(NextFeeMultiplier::<Runtime>::get(), Multiplier::one());

		// A quarter-full block (the target) leaves the price where it is.
		end_block(1, normal_max() / 4);
		assert_eq!(NextFeeMultiplier::<Runtime>::get(), Multiplier::one());

		// Every full block raises the multiplier; an hour of them (1 200 blocks of 3 s)
		// multiplies the weight fee by more than 10 (the base and length fees do not move).
		let mut last = Multiplier::one();
		for n in 2..1_202 {
			end_block(n, normal_max());
			let now = NextFeeMultiplier::<Runtime>::get();
			assert!(now > last, "block {n}: {now:?} after {last:?}");
			last = now;
		}
		assert!(last > Multiplier::from_u32(10), "after an hour of full blocks: {last:?}");
		let congested = transfer_fee();
		assert!(congested > 5 * base, "after an hour of full blocks: {congested} vs {base}");

		// Empty blocks bring it back down, block by block, and never below the base price.
		for n in 1_202..11_202 {
			end_block(n, Weight::zero());
			let now = NextFeeMultiplier::<Runtime>::get();
			assert!(now < last || now == Multiplier::one(), "block {n}: {now:?} after {last:?}");
			last = now;
		}
		assert_eq!(NextFeeMultiplier::<Runtime>::get(), Multiplier::one());
		assert_eq!(transfer_fee(), base);
	});
}
