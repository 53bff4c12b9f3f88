import { inStock, products, reviews, users, type Product, type Review, type User } from './data.js';

/** The `TestQuery` of the public gateways benchmark (its k6 script), unchanged. */
export const testQuery = `fragment User on User {
  id
  username
  name
}

fragment Review on Review {
  id
  body
}

fragment Product on Product {
  inStock
  name
  price
  shippingEstimate
  upc
  weight
}

query TestQuery {
  users {
    ...User
    reviews {
      ...Review
      product {
        ...Product
        reviews {
          ...Review
          author {
            ...User
            reviews {
              ...Review
              product {
                ...Product
              }
            }
          }
        }
      }
    }
  }
  topProducts {
    ...Product
    reviews {
      ...Review
      author {
        ...User
        reviews {
          ...Review
          product {
            ...Product
          }
        }
      }
    }
  }
}`;

const productFields = (product: Product) => ({
  inStock: inStock[product.upc] ?? null,
  name: product.name,
  price: product.price,
  shippingEstimate: product.price > 1000 ? 0 : Math.floor(product.weight / 2),
  upc: product.upc,
  weight: product.weight,
});
const reviewFields = (review: Review) => ({ id: review.id, body: review.body });
const userFields = (user: User) => ({ id: user.id, username: user.username, name: user.name });
const productOf = (review: Review) => products.find((product) => product.upc === review.productUpc) as Product;
const reviewsOf = (product: Product) => reviews.filter((review) => review.productUpc === product.upc);

/** Every user's reviews in the reviews subgraph: the first two. */
const userReviews = reviews.slice(0, 2);
/** Every review's author (the reviews subgraph provides the username, accounts the name). */
const author = () => ({
  ...userFields(users[0] as User),
  reviews: userReviews.map((review) => ({ ...reviewFields(review), product: productFields(productOf(review)) })),
});
const productWithReviews = (product: Product) => ({
  ...productFields(product),
  reviews: reviewsOf(product).map((review) => ({ ...reviewFields(review), author: author() })),
});

/** The data every gateway must answer `TestQuery` with, derived from the subgraphs' data. */
export function expectedTestQueryData(): unknown {
  return {
    users: users.map((user) => ({
      ...userFields(user),
      reviews: userReviews.map((review) => ({ ...reviewFields(review), product: productWithReviews(productOf(review)) })),
    })),
    topProducts: products.slice(0, 5).map(productWithReviews),
  };
}
