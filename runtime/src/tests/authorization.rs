//! The authorisation matrix: every privileged call of the four restaking pallets, tried from
//! wrong roles on the real runtime with the `development` genesis, fails with its documented
//! error and changes no storage.

use super::{dev_ext, fixtures::signed, storage_root};
use crate::{AccountId, Runtime, RuntimeCall, RuntimeOrigin};
use polkadot_sdk::{
	frame_support::{
		dispatch::GetDispatchInfo,
		traits::{fungible::NativeOrWithId, UnfilteredDispatchable},
	},
	sp_core::H256,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::{DispatchError, FixedU128, MultiAddress, Perbill},
};

fn acc(k: K) -> AccountId {
	k.to_account_id()
}

/// Dispatches `call` from `origin` (through the runtime's call filter, as a transaction
/// would) and checks it fails with `expected` and leaves storage as it was.
#[track_caller]
fn refused(label: &str, origin: RuntimeOrigin, call: RuntimeCall, expected: DispatchError) {
	let before = storage_root();
	assert!(call.get_dispatch_info().call_weight.ref_time() > 0, "{label}: weighed");
	let result = polkadot_sdk::frame_support::storage::with_storage_layer(|| {
		polkadot_sdk::sp_runtime::traits::Dispatchable::dispatch(call, origin)
			.map(|_| ())
			.map_err(|e| e.error)
	});
	assert_eq!(result, Err(expected), "{label}");
	assert_eq!(storage_root(), before, "{label}: a refused call changed storage");
}

fn vaults(e: pallet_vaults::Error<Runtime>) -> DispatchError {
	e.into()
}
fn operators(e: pallet_operators::Error<Runtime>) -> DispatchError {
	e.into()
}
fn slashing(e: pallet_slashing::Error<Runtime>) -> DispatchError {
	e.into()
}
fn lrt2(e: pallet_lrt2::Error<Runtime>) -> DispatchError {
	e.into()
}

#[test]
fn every_privileged_call_refuses_every_wrong_role() {
	dev_ext().execute_with(|| {
		use pallet_vaults::Error as VE;
		// Genesis roles: vault 0 curator Alice, vault 1 curator Bob; AVS 0 owner/slasher Eve,
		// resolver Ferdie; AVS 1 owner/slasher Ferdie; operators Dave//stash, Eve//stash.
		let limits = |v| {
			RuntimeCall::Vaults(pallet_vaults::Call::set_limits {
				vault: v,
				deposit_cap: 1,
				min_deposit: 1,
			})
		};
		refused(
			"other vault's curator sets limits",
			signed(K::Bob),
			limits(0),
			vaults(VE::NotCurator),
		);
		refused("a holder sets limits", signed(K::Charlie), limits(0), vaults(VE::NotCurator));
		refused(
			"a holder sets the fee",
			signed(K::Charlie),
			RuntimeCall::Vaults(pallet_vaults::Call::set_curator_fee {
				vault: 0,
				fee: Perbill::zero(),
			}),
			vaults(VE::NotCurator),
		);
		refused(
			"an AVS pauses a vault",
			signed(K::Eve),
			RuntimeCall::Vaults(pallet_vaults::Call::set_paused { vault: 0, paused: true }),
			vaults(VE::NotCuratorOrAdmin),
		);
		refused(
			"other curator extends the allowlist",
			signed(K::Bob),
			RuntimeCall::Vaults(pallet_vaults::Call::allow_avs { vault: 0, avs: 1 }),
			vaults(VE::NotCurator),
		);
		refused(
			"other curator rules an AVS out",
			signed(K::Bob),
			RuntimeCall::Vaults(pallet_vaults::Call::disallow_avs { vault: 0, avs: 0 }),
			vaults(VE::NotCurator),
		);
		refused(
			"a holder rules an AVS out",
			signed(K::Charlie),
			RuntimeCall::Vaults(pallet_vaults::Call::disallow_avs { vault: 0, avs: 0 }),
			vaults(VE::NotCurator),
		);
		// Charlie queues a withdrawal: nobody else can cancel it, not even its vault's curator.
		let charlie_request = {
			polkadot_sdk::frame_support::assert_ok!(crate::Vaults::request_withdrawal(
				signed(K::Charlie),
				0,
				1_000_000
			));
			pallet_vaults::Withdrawals::<Runtime>::get(0, acc(K::Charlie))[0].unlock_at
		};
		for (label, k) in [
			("the curator cancels a holder's withdrawal", K::Alice),
			("a stranger cancels a holder's withdrawal", K::Eve),
		] {
			refused(
				label,
				signed(k),
				RuntimeCall::Vaults(pallet_vaults::Call::cancel_withdrawal {
					vault: 0,
					index: 0,
					unlock_at: charlie_request,
				}),
				vaults(VE::WithdrawalNotFound),
			);
		}
		refused(
			"a holder proposes a curator",
			signed(K::Charlie),
			RuntimeCall::Vaults(pallet_vaults::Call::propose_curator {
				vault: 0,
				new: acc(K::Charlie).into(),
			}),
			vaults(VE::NotCurator),
		);
		refused(
			"an unproposed account takes curatorship",
			signed(K::Eve),
			RuntimeCall::Vaults(pallet_vaults::Call::accept_curatorship { vault: 0 }),
			vaults(VE::NotProposedCurator),
		);
		refused(
			"other curator destroys a vault",
			signed(K::Bob),
			RuntimeCall::Vaults(pallet_vaults::Call::destroy_vault { vault: 0 }),
			vaults(VE::NotCurator),
		);
		refused(
			"a non-holder withdraws",
			signed(K::Eve),
			RuntimeCall::Vaults(pallet_vaults::Call::request_withdrawal { vault: 0, shares: 1 }),
			vaults(VE::InsufficientShares),
		);
		refused(
			"a holder of another vault moves LRT",
			signed(K::Dave),
			RuntimeCall::Vaults(pallet_vaults::Call::transfer_shares {
				vault: 0,
				to: MultiAddress::Id(acc(K::Eve)),
				shares: 1,
			}),
			vaults(VE::InsufficientShares),
		);
		refused(
			"anyone mints LRT directly",
			signed(K::Charlie),
			RuntimeCall::Assets(polkadot_sdk::pallet_assets::Call::mint {
				id: 1000.into(),
				beneficiary: MultiAddress::Id(acc(K::Charlie)),
				amount: 1,
			}),
			// Refused by the call filter: no `pallet-assets` call may name an LRT id.
			polkadot_sdk::frame_system::Error::<Runtime>::CallFiltered.into(),
		);
		refused(
			"a holder moves LRT around the ledger",
			signed(K::Charlie),
			RuntimeCall::Assets(polkadot_sdk::pallet_assets::Call::transfer {
				id: 1000.into(),
				target: MultiAddress::Id(acc(K::Eve)),
				amount: 1,
			}),
			polkadot_sdk::frame_system::Error::<Runtime>::CallFiltered.into(),
		);

		use pallet_operators::Error as OE;
		let stake = NativeOrWithId::WithId(1);
		refused(
			"the resolver updates the AVS",
			signed(K::Ferdie),
			RuntimeCall::Operators(pallet_operators::Call::set_accepted_asset {
				avs: 0,
				asset: stake.clone(),
				weight: None,
			}),
			operators(OE::NotAvsOwner),
		);
		refused(
			"an operator changes an AVS's assets",
			signed(K::DaveStash),
			RuntimeCall::Operators(pallet_operators::Call::set_accepted_asset {
				avs: 0,
				asset: stake,
				weight: None,
			}),
			operators(OE::NotAvsOwner),
		);
		refused(
			"one AVS deregisters another",
			signed(K::Eve),
			RuntimeCall::Operators(pallet_operators::Call::deregister_avs { avs: 1 }),
			operators(OE::NotAvsOwner),
		);
		refused(
			"one AVS approves operators of another",
			signed(K::Eve),
			RuntimeCall::Operators(pallet_operators::Call::approve_operator {
				avs: 1,
				operator: acc(K::Charlie).into(),
			}),
			operators(OE::NotAvsOwner),
		);
		let allocate = RuntimeCall::Operators(pallet_operators::Call::allocate {
			vault: 0,
			operator: acc(K::DaveStash).into(),
			avs: 0,
			share: Perbill::from_percent(90),
		});
		refused(
			"other curator allocates",
			signed(K::Bob),
			allocate.clone(),
			operators(OE::NotCurator),
		);
		refused(
			"an operator allocates a vault",
			signed(K::DaveStash),
			allocate.clone(),
			operators(OE::NotCurator),
		);
		refused("an AVS allocates a vault", signed(K::Eve), allocate, operators(OE::NotCurator));
		refused(
			"a non-operator sets commission",
			signed(K::Charlie),
			RuntimeCall::Operators(pallet_operators::Call::set_commission {
				commission: Perbill::zero(),
			}),
			operators(OE::NotOperator),
		);
		refused(
			"a non-operator opts in",
			signed(K::Charlie),
			RuntimeCall::Operators(pallet_operators::Call::opt_in { avs: 0 }),
			operators(OE::NotOperator),
		);

		// Consent (issue 17): only an AVS's owner ejects its operators; only an operator
		// chooses or ejects the vaults of its own pairs.
		let eject = |avs, operator| {
			RuntimeCall::Operators(pallet_operators::Call::eject_operator { avs, operator })
		};
		refused(
			"one AVS ejects another's operator",
			signed(K::Eve),
			eject(1, acc(K::DaveStash).into()),
			operators(OE::NotAvsOwner),
		);
		refused(
			"the resolver ejects an operator",
			signed(K::Ferdie),
			eject(0, acc(K::DaveStash).into()),
			operators(OE::NotAvsOwner),
		);
		refused(
			"an operator ejects another operator",
			signed(K::EveStash),
			eject(0, acc(K::DaveStash).into()),
			operators(OE::NotAvsOwner),
		);
		refused(
			"a curator sets an operator's vault allowlist",
			signed(K::Alice),
			RuntimeCall::Operators(pallet_operators::Call::set_vault_allowlist {
				allowlist: Some(Default::default()),
			}),
			operators(OE::NotOperator),
		);
		refused(
			"a curator ejects a vault from a pair",
			signed(K::Alice),
			RuntimeCall::Operators(pallet_operators::Call::eject_vault { avs: 0, vault: 0 }),
			operators(OE::NotOperator),
		);
		refused(
			"an operator ejects a vault from another operator's pair",
			signed(K::EveStash),
			RuntimeCall::Operators(pallet_operators::Call::eject_vault { avs: 0, vault: 0 }),
			operators(OE::AllocationNotFound),
		);

		// Lifecycles (issue 17): roles change only by their holders; nobody leaves for another.
		use pallet_operators::Call as OC;
		refused(
			"the resolver offers the AVS",
			signed(K::Ferdie),
			RuntimeCall::Operators(OC::transfer_avs_ownership {
				avs: 0,
				new_owner: Some(acc(K::Ferdie).into()),
			}),
			operators(OE::NotAvsOwner),
		);
		refused(
			"a stranger takes an AVS nobody offered",
			signed(K::Charlie),
			RuntimeCall::Operators(OC::accept_avs_ownership { avs: 0 }),
			operators(OE::NotPendingOwner),
		);
		refused(
			"the slasher rotates the AVS's roles",
			signed(K::Ferdie),
			RuntimeCall::Operators(OC::set_avs_roles {
				avs: 0,
				slasher: acc(K::Ferdie).into(),
				resolver: None,
			}),
			operators(OE::NotAvsOwner),
		);
		refused(
			"an operator rotates an AVS's roles",
			signed(K::DaveStash),
			RuntimeCall::Operators(OC::set_avs_roles {
				avs: 0,
				slasher: acc(K::DaveStash).into(),
				resolver: None,
			}),
			operators(OE::NotAvsOwner),
		);
		refused(
			"a non-operator renames itself an operator",
			signed(K::Charlie),
			RuntimeCall::Operators(OC::update_operator { name: Default::default() }),
			operators(OE::NotOperator),
		);
		refused(
			"a non-operator deregisters",
			signed(K::Charlie),
			RuntimeCall::Operators(OC::deregister_operator {}),
			operators(OE::NotOperator),
		);
		refused(
			"an operator still bound to AVSs deregisters",
			signed(K::DaveStash),
			RuntimeCall::Operators(OC::deregister_operator {}),
			operators(OE::StillOptedIn),
		);
		refused(
			"anyone releases a live AVS's deposit",
			signed(K::Eve),
			RuntimeCall::Operators(OC::complete_avs_deregistration { avs: 0 }),
			operators(OE::AvsNotDeregistered),
		);
		let cancel = RuntimeCall::Operators(OC::cancel_allocation_increase {
			vault: 0,
			operator: acc(K::DaveStash).into(),
			avs: 0,
		});
		refused(
			"another curator cancels an increase",
			signed(K::Bob),
			cancel.clone(),
			operators(OE::NotCurator),
		);
		refused(
			"the operator cancels a curator's increase",
			signed(K::DaveStash),
			cancel,
			operators(OE::NotCurator),
		);

		use pallet_slashing::Error as SE;
		let request = |avs| {
			RuntimeCall::Slashing(pallet_slashing::Call::request_slash {
				avs,
				operator: acc(K::DaveStash).into(),
				fraction: Perbill::from_percent(1),
				evidence: H256::zero(),
				reason: Default::default(),
			})
		};
		refused("the resolver slashes", signed(K::Ferdie), request(0), slashing(SE::NotSlasher));
		refused("a curator slashes", signed(K::Alice), request(0), slashing(SE::NotSlasher));
		refused(
			"an AVS slashes another's stake",
			signed(K::Eve),
			request(1),
			slashing(SE::NotSlasher),
		);
		let policy = pallet_slashing::Policies::<Runtime>::get(0).expect("genesis policy");
		refused(
			"the resolver changes the policy",
			signed(K::Ferdie),
			RuntimeCall::Slashing(pallet_slashing::Call::set_policy { avs: 0, policy }),
			slashing(SE::NotAvsOwner),
		);
		// A pending slash to veto and cancel.
		let _ = request(0).dispatch_bypass_filter(signed(K::Eve)).expect("Eve requests a slash");
		let id = pallet_slashing::NextSlashId::<Runtime>::get() - 1;
		let veto = RuntimeCall::Slashing(pallet_slashing::Call::veto_slash { id });
		refused(
			"the slashed operator vetoes",
			signed(K::DaveStash),
			veto.clone(),
			slashing(SE::NotResolver),
		);
		refused("the slasher vetoes", signed(K::Eve), veto, slashing(SE::NotResolver));
		refused(
			"a signed account cancels (governance only)",
			signed(K::Ferdie),
			RuntimeCall::Slashing(pallet_slashing::Call::cancel_slash { id }),
			DispatchError::BadOrigin,
		);
		// An executed DA slash to Ferdie waits in escrow: only governance may cancel it.
		let _ = RuntimeCall::Slashing(pallet_slashing::Call::request_slash {
			avs: 1,
			operator: acc(K::DaveStash).into(),
			fraction: Perbill::from_percent(1),
			evidence: H256::zero(),
			reason: Default::default(),
		})
		.dispatch_bypass_filter(signed(K::Ferdie))
		.expect("the DA slashes instantly");
		let escrowed = pallet_slashing::NextSlashId::<Runtime>::get() - 1;
		assert!(pallet_slashing::Escrows::<Runtime>::contains_key(escrowed));
		refused(
			"the destination cancels an escrow (governance only)",
			signed(K::Ferdie),
			RuntimeCall::Slashing(pallet_slashing::Call::cancel_escrow { id: escrowed }),
			DispatchError::BadOrigin,
		);
		refused(
			"a signed account sets the global cap",
			signed(K::Alice),
			RuntimeCall::Slashing(pallet_slashing::Call::set_global_max_fraction {
				fraction: Perbill::one(),
			}),
			DispatchError::BadOrigin,
		);

		use pallet_lrt2::Error as LE;
		refused(
			"another AVS funds a stream for this one",
			signed(K::Ferdie),
			RuntimeCall::Lrt2(pallet_lrt2::Call::fund_stream {
				avs: 0,
				asset: NativeOrWithId::Native,
				amount: 1,
				duration: 100,
			}),
			lrt2(LE::NotAvsOwner),
		);
		refused(
			"a stranger takes back a stream's unallocated funds",
			signed(K::Ferdie),
			RuntimeCall::Lrt2(pallet_lrt2::Call::reclaim_unallocated { stream: 0 }),
			lrt2(LE::NotFunder),
		);
		refused(
			"another AVS posts a bounty",
			signed(K::Eve),
			RuntimeCall::Lrt2(pallet_lrt2::Call::post_bounty {
				avs: 1,
				asset: NativeOrWithId::Native,
				amount: 1,
				expires_in: 100,
			}),
			lrt2(LE::NotAvsOwner),
		);
		let _ = RuntimeCall::Lrt2(pallet_lrt2::Call::post_bounty {
			avs: 0,
			asset: NativeOrWithId::Native,
			amount: 1_000_000_000_000,
			expires_in: 100,
		})
		.dispatch_bypass_filter(signed(K::Eve))
		.expect("Eve posts a bounty");
		refused(
			"an operator awards itself a bounty",
			signed(K::DaveStash),
			RuntimeCall::Lrt2(pallet_lrt2::Call::award_bounty {
				bounty: 0,
				operator: acc(K::DaveStash).into(),
			}),
			lrt2(LE::NotAvsOwner),
		);
		refused(
			"another AVS cancels a bounty",
			signed(K::Ferdie),
			RuntimeCall::Lrt2(pallet_lrt2::Call::cancel_bounty { bounty: 0 }),
			lrt2(LE::NotAvsOwner),
		);
		let programme = |scope| {
			RuntimeCall::Lrt2(pallet_lrt2::Call::create_programme {
				scope,
				name: Default::default(),
				rate: FixedU128::from_u32(1),
				start: 5,
				end: 10,
			})
		};
		refused(
			"another curator runs points for a vault",
			signed(K::Bob),
			programme(pallet_lrt2::ProgrammeScope::Vault(0)),
			lrt2(LE::NotCurator),
		);
		refused(
			"the resolver runs points for an AVS",
			signed(K::Ferdie),
			programme(pallet_lrt2::ProgrammeScope::Avs(0)),
			lrt2(LE::NotAvsOwner),
		);
		for (label, call) in [
			(
				"a curator lists a reward asset",
				pallet_lrt2::Call::list_reward_asset { asset: NativeOrWithId::WithId(99) },
			),
			(
				"an LST issuer delists a reward asset",
				pallet_lrt2::Call::delist_reward_asset { asset: NativeOrWithId::WithId(1) },
			),
		] {
			refused(label, signed(K::Alice), RuntimeCall::Lrt2(call), DispatchError::BadOrigin);
		}
		refused(
			"a stranger tracks a vault it holds nothing in",
			signed(K::Eve),
			RuntimeCall::Lrt2(pallet_lrt2::Call::track_vault { vault: 0 }),
			lrt2(LE::NoSharesInVault),
		);
		refused(
			"anyone settles an account that holds none of the vault's LRT",
			signed(K::Eve),
			RuntimeCall::Lrt2(pallet_lrt2::Call::settle { vault: 0, holder: acc(K::Eve).into() }),
			lrt2(LE::NotAHolder),
		);
		refused(
			"anyone claims from a vault it holds none of the LRT of",
			signed(K::Eve),
			RuntimeCall::Lrt2(pallet_lrt2::Call::claim_from {
				vaults: vec![0].try_into().unwrap(),
			}),
			lrt2(LE::NotAHolder),
		);
		refused(
			"a non-sudo account uses sudo",
			signed(K::Bob),
			RuntimeCall::Sudo(polkadot_sdk::pallet_sudo::Call::sudo {
				call: Box::new(RuntimeCall::System(polkadot_sdk::frame_system::Call::remark {
					remark: vec![],
				})),
			}),
			polkadot_sdk::pallet_sudo::Error::<Runtime>::RequireSudo.into(),
		);
	});
}
